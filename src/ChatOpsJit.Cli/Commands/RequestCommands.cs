namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit requests ...`.</summary>
public static class RequestCommands
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        error.WriteLine("error: not built yet");
        return 1;
    }
}
