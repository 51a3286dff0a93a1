namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit audit ...`.</summary>
public static class AuditCommands
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        error.WriteLine("error: not built yet");
        return 1;
    }
}
