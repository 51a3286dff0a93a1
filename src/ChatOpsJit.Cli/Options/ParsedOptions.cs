using System.Globalization;

namespace ChatOpsJit.Cli.Options;

/// <summary>A command line parsed against its <see cref="CommandSpec"/>: option values by long name, then the positional arguments.</summary>
public sealed class ParsedOptions(CommandSpec spec, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> arguments, bool helpRequested)
{
    public CommandSpec Spec { get; } = spec;

    public bool HelpRequested { get; } = helpRequested;

    public IReadOnlyList<string> Arguments { get; } = arguments;

    public bool Has(string name) => values.ContainsKey(name);

    public string? Get(string name) => values.GetValueOrDefault(name);

    /// <summary>The value of an option the command cannot do without (when the spec cannot say so, e.g. "one of two").</summary>
    public string Require(string name) =>
        Get(name) ?? throw new UsageException($"missing required option '{Spec.Options.Single(o => o.Name == name).Synopsis}'");

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when not given.</summary>
    public int Int(string name, int fallback, int min, int max) =>
        Value<int>(name, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null,
            $"a whole number from {min} to {max}", example: $"--{name} {fallback}") ?? fallback;

    /// <summary>One of <typeparamref name="T"/>'s names, case-insensitive (numbers are not names), or null when not given.</summary>
    public T? Enum<T>(string name) where T : struct, Enum =>
        Value<T>(name, text => System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !text.Any(char.IsAsciiDigit) ? value : null,
            $"one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");

    /// <summary>
    /// The value as <paramref name="parse"/> reads it, or null when not given; text it refuses (returns null for) is a usage
    /// error: <c>option '--NAME' must be EXPECTED, not 'TEXT' (e.g. EXAMPLE)</c>.
    /// </summary>
    public T? Value<T>(string name, Func<string, T?> parse, string expected, string? example = null) where T : struct
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (Get(name) is not { } text)
        {
            return null;
        }

        return parse(text) ?? throw new UsageException($"option '--{name}' must be {expected}, not '{text}'{(example is null ? "" : $" (e.g. {example})")}");
    }
}
