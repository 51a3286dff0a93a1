namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// The options of one audit subcommand: <c>--name VALUE</c> (or <c>--name=VALUE</c>) for those that take a value, bare
/// flags for the others. <c>--help</c>/<c>-h</c> asks for usage; an unknown option, a stray argument or an option
/// without its value is an error line.
/// </summary>
internal sealed class AuditArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private AuditArgs()
    {
    }

    public bool Help { get; private set; }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The options, or an error line (<c>error: …</c>) when they cannot be read.</summary>
    public static (AuditArgs? Args, string? Error) Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags)
    {
        var parsed = new AuditArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                parsed.Help = true;
                continue;
            }

            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var eq
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, null);
            if (valued.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count && !IsOption(args[i + 1]) ? args[++i] : null);
                if (string.IsNullOrEmpty(value))
                {
                    return (null, $"error: option '{name}' needs a value");
                }

                parsed._values[name] = value;
            }
            else if (flags.Contains(name) && inline is null)
            {
                parsed._flags.Add(name);
            }
            else if (arg.StartsWith('-'))
            {
                return (null, $"error: unknown option '{name}'");
            }
            else
            {
                return (null, $"error: unexpected argument '{arg}'");
            }
        }

        return (parsed, null);
    }

    // A value may itself start with '-' only when written --name=-value; "--db --requests" is a missing value.
    private static bool IsOption(string arg) => arg.StartsWith("--", StringComparison.Ordinal) || arg is "-h";
}
