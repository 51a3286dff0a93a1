namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit policy ...`: authorize, validate and explain.</summary>
public static class PolicyCommands
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error) => args switch
    {
        ["authorize", .. var rest] => PolicyAuthorizeCommand.Run(rest, input, output, error),
        ["validate", .. var rest] => PolicyValidateCommand.Run(rest, output, error),
        ["explain", .. var rest] => PolicyExplainCommand.Run(rest, output, error),
        _ => Usage.Group("policy", args, output, error),
    };
}
