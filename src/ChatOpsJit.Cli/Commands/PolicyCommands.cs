namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit policy ...`: authorize, validate and explain.</summary>
public static class PolicyCommands
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        error.WriteLine("error: policy commands are not built yet");
        return 1;
    }
}
