namespace ChatOpsJit.Cli.Options;

/// <summary>
/// Runs one command the same way everywhere: parse against its spec, answer <c>--help</c> on stdout with exit 0, and turn
/// any <see cref="UsageException"/> into one <c>error: …; see '… --help'</c> line with exit 1.
/// </summary>
public static class CliCommand
{
    public const int BadInput = 1;

    public static int Run(CommandSpec spec, IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<ParsedOptions, int> body) =>
        RunAsync(spec, args, output, error, o => Task.FromResult(body(o))).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(CommandSpec spec, IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<ParsedOptions, Task<int>> body)
    {
        try
        {
            var options = OptionParser.Parse(spec, args);
            if (options.HelpRequested)
            {
                output.Write(CommandHelp.Format(spec));
                return 0;
            }

            return await body(options).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}; {spec.HelpHint}");
            return BadInput;
        }
    }
}
