namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit audit verify | export | rotate-key`: the operator's view of the sealed, anchored audit trail.</summary>
public static class AuditCommands
{
    public const int Broken = 2;

    public const string Usage = """
        usage: chatopsjit audit <command> [options]

          verify      [--db FILE | --connection-string CS] [--key-file FILE] [--anchor-file FILE] [--requests]
          export      [--since TIME|DURATION] [--after SEQ] [--db FILE | --connection-string CS]
          rotate-key  [--db FILE | --connection-string CS | --key-file FILE]

        chatopsjit audit <command> --help says more.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error).GetAwaiter().GetResult();

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, AuditCliEnvironment.Process);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, AuditCliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        switch (args)
        {
            case ["verify", .. var rest]:
                return await AuditVerifyCommand.RunAsync(rest, output, error, environment);
            case ["export", .. var rest]:
                return await AuditExportCommand.RunAsync(rest, output, error, environment);
            case ["rotate-key", .. var rest]:
                return AuditRotateKeyCommand.Run(rest, output, error, environment);
            case ["--help" or "-h", ..]:
                output.WriteLine(Usage);
                return 0;
            case []:
                error.WriteLine(Usage);
                return Commands.Usage.BadInput;
            default:
                error.WriteLine(args[0].StartsWith('-') ? $"error: unknown option '{args[0]}'" : $"error: unknown audit command '{args[0]}'");
                error.WriteLine(Usage);
                return Commands.Usage.BadInput;
        }
    }

    /// <summary>Parses a subcommand's options; null with the exit code when it printed help or an error.</summary>
    internal static (AuditArgs? Args, int Exit) Options(
        IReadOnlyList<string> args, string usage, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags, TextWriter output, TextWriter error)
    {
        var (parsed, problem) = AuditArgs.Parse(args, valued, flags);
        if (parsed is null)
        {
            error.WriteLine(problem);
            error.WriteLine(usage.Split('\n')[0]);
            return (null, Commands.Usage.BadInput);
        }

        if (parsed.Help)
        {
            output.WriteLine(usage);
            return (null, 0);
        }

        return (parsed, 0);
    }
}
