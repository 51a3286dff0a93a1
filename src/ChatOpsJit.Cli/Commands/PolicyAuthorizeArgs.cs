namespace ChatOpsJit.Cli.Commands;

/// <summary>The parsed flags of `chatopsjit policy authorize` (the Cedar CLI's `authorize` flags, plus `--batch`).</summary>
public sealed record PolicyAuthorizeArgs(
    string Policies,
    string? Entities,
    string? Principal,
    string? Action,
    string? Resource,
    string? Context,
    string? Batch)
{
    /// <summary>True when requests come one JSON object per line from <see cref="Batch"/> instead of from flags.</summary>
    public bool IsBatch => Batch is not null;

    /// <summary>Parses the flags; on failure returns null and a one-line reason (without the "error: " prefix).</summary>
    public static PolicyAuthorizeArgs? Parse(IReadOnlyList<string> args, out string? problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = SplitInlineValue(args[i]);
            var flag = Canonical(name);
            if (flag is null)
            {
                problem = $"unknown option '{args[i]}' (see `chatopsjit` for usage)";
                return null;
            }
            string value;
            if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                problem = $"option '--{flag}' needs a value";
                return null;
            }
            if (!values.TryAdd(flag, value))
            {
                problem = $"option '--{flag}' given more than once";
                return null;
            }
        }
        return Validate(values, out problem);
    }

    private static PolicyAuthorizeArgs? Validate(Dictionary<string, string> v, out string? problem)
    {
        problem = null;
        if (!v.TryGetValue("policies", out var policies))
        {
            problem = "missing required option '--policies FILE'";
            return null;
        }
        var parsed = new PolicyAuthorizeArgs(
            policies,
            v.GetValueOrDefault("entities"),
            v.GetValueOrDefault("principal"),
            v.GetValueOrDefault("action"),
            v.GetValueOrDefault("resource"),
            v.GetValueOrDefault("context"),
            v.GetValueOrDefault("batch"));
        if (parsed.IsBatch)
        {
            // A batch line carries its own request and entities; mixing in flags would be ambiguous.
            var extra = new[] { "entities", "principal", "action", "resource", "context" }.FirstOrDefault(v.ContainsKey);
            if (extra is not null)
            {
                problem = $"option '--{extra}' cannot be combined with '--batch' (each batch line carries its own request and entities)";
                return null;
            }
            return parsed;
        }
        var missing = new[] { "entities", "principal", "action", "resource" }.FirstOrDefault(f => !v.ContainsKey(f));
        if (missing is not null)
        {
            problem = $"missing required option '--{missing}' (or use '--batch FILE.jsonl')";
            return null;
        }
        return parsed;
    }

    private static (string Name, string? Value) SplitInlineValue(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    // The short names are the Cedar CLI's, so muscle memory from `cedar authorize` carries over.
    private static string? Canonical(string name) => name switch
    {
        "--policies" or "-p" => "policies",
        "--entities" => "entities",
        "--principal" or "-l" => "principal",
        "--action" or "-a" => "action",
        "--resource" or "-r" => "resource",
        "--context" or "-c" => "context",
        "--batch" => "batch",
        _ => null,
    };
}
