namespace ChatOpsJit.Testing;

/// <summary>Runs one of the tests' node scripts (Slack's type check, the Adaptive Cards parser, the Teams manifest schema) and returns what it printed.</summary>
public static class NodeScript
{
    /// <param name="folder">The npm folder holding the script and its node_modules.</param>
    /// <param name="check">What the script checks, for the messages when node is missing or too slow.</param>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string folder, string script, IEnumerable<string> arguments, string check, TimeSpan timeout, CancellationToken ct = default) =>
        ToolProcess.RunAsync("node", [script, .. arguments], folder, check, timeout, ct: ct);
}
