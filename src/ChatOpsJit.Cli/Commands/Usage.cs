using ChatOpsJit.Cli.Options;

namespace ChatOpsJit.Cli.Commands;

/// <summary>The overview of every command, and the answer to a command group without a (known) command.</summary>
internal static class Usage
{
    public const int BadInput = CliCommand.BadInput;

    public static IReadOnlyList<CommandSpec> Commands { get; } =
    [
        PolicyAuthorizeSpec.Spec, PolicyValidateCommand.Spec, PolicyExplainCommand.Spec, RequestCommands.ListSpec,
        AuditVerifyCommand.Spec, AuditExportCommand.Spec, AuditRotateKeyCommand.Spec, TeamsPackageCommand.Spec,
    ];

    public static string Overview(string group = "")
    {
        var lines = Commands.SelectMany(c => c.Usage).Where(l => l.StartsWith(group, StringComparison.Ordinal));
        return $"""
            usage: chatopsjit <command> [options]

            {string.Join(Environment.NewLine, lines.Select(l => "  " + l))}

            'chatopsjit <command> --help' (e.g. 'chatopsjit policy authorize --help') explains a command, its options and exit status.

            """;
    }

    /// <summary>Prints the overview on stderr (asked for nothing, so exit 1).</summary>
    public static int Print(TextWriter error)
    {
        error.Write(Overview());
        return BadInput;
    }

    /// <summary>
    /// <c>chatopsjit policy</c> with no command (overview on stderr, exit 1), with <c>--help</c> (on stdout, exit 0), or with
    /// a command that does not exist (one error line, exit 1).
    /// </summary>
    public static int Group(string group, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case []:
                error.Write(Overview(group + " "));
                return BadInput;
            case ["--help" or "-h", ..]:
                output.Write(Overview(group + " "));
                return 0;
            default:
                error.WriteLine($"error: unknown command '{group} {args[0]}'; see 'chatopsjit {group} --help'");
                return BadInput;
        }
    }
}
