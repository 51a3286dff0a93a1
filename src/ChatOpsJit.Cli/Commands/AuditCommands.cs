using ChatOpsJit.Cli.Options;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit audit verify | export | rotate-key`: the operator's view of the sealed, anchored audit trail.</summary>
public static class AuditCommands
{
    public const int Broken = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error).GetAwaiter().GetResult();

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, AuditCliEnvironment.Process);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, AuditCliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        return args switch
        {
            ["verify", .. var rest] => CliCommand.RunAsync(AuditVerifyCommand.Spec, rest, output, error, o => AuditVerifyCommand.RunAsync(o, output, error, environment)),
            ["export", .. var rest] => CliCommand.RunAsync(AuditExportCommand.Spec, rest, output, error, o => AuditExportCommand.RunAsync(o, output, error, environment)),
            ["rotate-key", .. var rest] => CliCommand.RunAsync(AuditRotateKeyCommand.Spec, rest, output, error, o => AuditRotateKeyCommand.RunAsync(o, output, error, environment)),
            _ => Task.FromResult(Usage.Group("audit", args, output, error)),
        };
    }
}
