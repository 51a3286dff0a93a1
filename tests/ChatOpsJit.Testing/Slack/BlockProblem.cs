namespace ChatOpsJit.Testing.Slack;

/// <summary>Why Slack refuses blocks or a view: the error code (invalid_blocks, invalid_arguments…) and one line per problem.</summary>
internal sealed record BlockProblem(string Error, IReadOnlyList<string> Errors)
{
    public BlockProblem(string error, string line)
        : this(error, [line])
    {
    }
}
