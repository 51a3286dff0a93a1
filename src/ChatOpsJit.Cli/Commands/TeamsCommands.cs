namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit teams ...`: package the Teams app.</summary>
public static class TeamsCommands
{
    public static int Run(string[] args, TextWriter output, TextWriter error) => args switch
    {
        ["package", .. var rest] => TeamsPackageCommand.Run(rest, output, error),
        _ => Usage.Group("teams", args, output, error),
    };
}
