using System.Text;
using ChatOpsJit.Cli;

// chatopsjit: the operator's command line. Each command lives in its own file under Commands/.
// Console.Out flushes on every write, one system call per line; a `--batch` of 20,000 answers would pay 20,000 of them.
// The buffered writer is flushed once at the end (or when full); what goes to stderr stays unbuffered.
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
try
{
    return ChatOpsJitCli.Run(args, Console.In, output, Console.Error);
}
finally
{
    output.Flush();
}
