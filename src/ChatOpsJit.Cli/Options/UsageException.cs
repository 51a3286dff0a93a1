namespace ChatOpsJit.Cli.Options;

/// <summary>The command line itself is wrong (unknown option, missing value, bad number): one line, exit 1, with a pointer to --help.</summary>
public sealed class UsageException(string message) : Exception(message);
