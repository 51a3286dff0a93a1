namespace ChatOpsJit.Cli.Options;

/// <summary>
/// The one parser every command uses: <c>--name VALUE</c>, <c>--name=VALUE</c>, short aliases, positional arguments,
/// and <c>--help</c>/<c>-h</c>, which wins over any other mistake on the line.
/// </summary>
public static class OptionParser
{
    /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> with the first mistake unless help was asked for.</summary>
    public static ParsedOptions Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var arguments = new List<string>();
        string? problem = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token is "--help" or "-h")
            {
                help = true;
            }
            else if (!IsOption(token))
            {
                arguments.Add(token);
            }
            else if (Read(spec, args, ref i, out var option, out var value) is { } mistake)
            {
                problem ??= mistake;
            }
            else if (!values.TryAdd(option!.Name, value!))
            {
                problem ??= $"option '{option.Long}' given more than once";
            }
        }

        if (help)
        {
            return new ParsedOptions(spec, values, arguments, helpRequested: true);
        }

        problem ??= CheckArguments(spec, arguments) ?? CheckRequired(spec, values);
        return problem is null ? new ParsedOptions(spec, values, arguments, helpRequested: false) : throw new UsageException(problem);
    }

    // "-" alone is a value (stdin), and so is anything not starting with a dash.
    private static bool IsOption(string token) => token.Length > 1 && token[0] == '-';

    private static string? Read(CommandSpec spec, IReadOnlyList<string> args, ref int i, out OptionSpec? option, out string? value)
    {
        var token = args[i];
        var equals = token.StartsWith("--", StringComparison.Ordinal) ? token.IndexOf('=', StringComparison.Ordinal) : -1;
        var name = equals < 0 ? token : token[..equals];
        value = null;
        option = spec.Find(name);
        if (option is null)
        {
            return $"unknown option '{name}' for '{spec.Name}'";
        }

        if (option.Value is null)
        {
            value = "true";
            return equals < 0 ? null : $"option '{option.Long}' takes no value";
        }

        if (equals >= 0)
        {
            value = token[(equals + 1)..];
            return null;
        }

        // The next word is the value unless it is plainly another option, as in '--db --state pending'.
        if (i + 1 < args.Count && !(args[i + 1].StartsWith("--", StringComparison.Ordinal) || args[i + 1] == "-h" || spec.Find(args[i + 1]) is not null))
        {
            value = args[++i];
            return null;
        }

        return $"option '{option.Long}' needs a value (e.g. {option.Synopsis})";
    }

    private static string? CheckArguments(CommandSpec spec, List<string> arguments)
    {
        if (arguments.Count > spec.Arguments.Count)
        {
            return $"unexpected argument '{arguments[spec.Arguments.Count]}' for '{spec.Name}'";
        }

        if (arguments.Count < spec.Arguments.Count)
        {
            var example = spec.Examples.Count > 0 ? $" (e.g. {spec.Examples[0]})" : "";
            return $"missing {spec.Arguments[arguments.Count]} for '{spec.Name}'{example}";
        }

        return null;
    }

    private static string? CheckRequired(CommandSpec spec, Dictionary<string, string> values) =>
        spec.Options.FirstOrDefault(o => o.Required && !values.ContainsKey(o.Name)) is { } missing
            ? $"missing required option '{missing.Synopsis}' for '{spec.Name}'"
            : null;
}
