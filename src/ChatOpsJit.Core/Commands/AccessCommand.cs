namespace ChatOpsJit.Core.Commands;

/// <summary>A parsed chat command; the same grammar in every chat surface.</summary>
public abstract record AccessCommand
{
    /// <summary><c>access &lt;node&gt;[,&lt;node&gt;...] &lt;reason&gt; [for &lt;duration&gt;] [as &lt;runas-user&gt;]</c>.</summary>
    public sealed record Request(IReadOnlyList<string> Nodes, string Reason, TimeSpan? Duration, string? RunAs) : AccessCommand;

    /// <summary>
    /// One word after <c>access</c> and nothing else: a node without a reason, or an unknown verb; only the inventory can
    /// tell which, so the handler answers.
    /// </summary>
    public sealed record MissingReason(IReadOnlyList<string> Nodes) : AccessCommand;

    public sealed record List : AccessCommand;

    public sealed record Status(string RequestId) : AccessCommand;

    public sealed record Cancel(string RequestId) : AccessCommand;

    public sealed record Revoke(string RequestId) : AccessCommand;

    public sealed record Extend(string RequestId, TimeSpan? By) : AccessCommand;

    public sealed record Policies(string? Node) : AccessCommand;

    public sealed record Help : AccessCommand;

    /// <summary>The text was not a command at all (no <c>access</c> and no known verb): answered with the usage line.</summary>
    public sealed record NotACommand(string FirstWord) : AccessCommand;

    /// <summary>The text was a command with a mistake; <see cref="Message"/> says why in one line, <see cref="Example"/> shows the right form.</summary>
    public sealed record Invalid(string Message, string Example) : AccessCommand;
}
