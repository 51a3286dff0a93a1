namespace ChatOpsJit.Cli.Options;

/// <summary>One option a command accepts: <c>--name VALUE</c> (or <c>--name=VALUE</c>), an optional short alias, its help line.</summary>
/// <param name="Name">The long name without dashes, e.g. <c>limit</c>.</param>
/// <param name="Value">The value's placeholder in help, e.g. <c>N</c>; null for a flag that takes no value.</param>
/// <param name="Help">One line saying what the option does.</param>
/// <param name="Short">A one-letter alias without the dash, e.g. <c>p</c>.</param>
public sealed record OptionSpec(string Name, string? Value, string Help, string? Short = null)
{
    /// <summary>Missing it is an error, reported before the command runs.</summary>
    public bool Required { get; init; }

    public string Long => "--" + Name;

    /// <summary>How help and errors show it: <c>--limit N</c>.</summary>
    public string Synopsis => Value is null ? Long : $"{Long} {Value}";
}
