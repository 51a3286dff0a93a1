namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>A policy whose evaluation raised an error (so it did not apply): the policy, the message and the span of the failing expression.</summary>
public sealed record CedarEvaluationError(CedarPolicy Policy, string Message, SourceSpan Span)
{
    /// <summary>The id of the policy that errored.</summary>
    public string PolicyId => Policy.Id;

    /// <summary>The file the policy was parsed from.</summary>
    public string File => Policy.File;

    /// <summary>1-based line of the failing expression in <see cref="File"/>.</summary>
    public int Line => Span.Line;

    /// <summary>1-based column of the failing expression in <see cref="File"/>.</summary>
    public int Column => Span.Column;

    /// <summary>The source text of the failing expression, cut from the policy text when asked for.</summary>
    public string Snippet
    {
        get
        {
            var start = Span.Start - Policy.Span.Start;
            var length = Span.End - Span.Start;
            return start >= 0 && length >= 0 && start + length <= Policy.Text.Length ? Policy.Text.Substring(start, length) : "";
        }
    }

    /// <summary>Formats like a parse diagnostic: <c>file:line:col: error while evaluating policy `id`: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: error while evaluating policy `{PolicyId}`: {Message}";
}
