namespace ChatOpsJit.Host.Console;

/// <summary>The dev console (section <c>Console</c>). It lets anyone act as anyone: for the sandbox only.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// Unset: on with the sandbox grantor, off with any other. True with another grantor turns it on for loopback
    /// clients only, with a warning at start-up, so a deployment can never expose an approval bypass by default.
    /// </summary>
    public bool? Enabled { get; set; }
}
