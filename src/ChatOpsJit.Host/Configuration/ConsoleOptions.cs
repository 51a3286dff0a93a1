namespace ChatOpsJit.Host.Configuration;

/// <summary>The dev console (section <c>Console</c>). It lets anyone act as anyone: for the sandbox only.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    public bool Enabled { get; set; } = true;
}
