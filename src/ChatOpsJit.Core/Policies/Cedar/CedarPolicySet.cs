namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Options for <see cref="CedarPolicySet.Parse(string, string, CedarParseOptions)"/>.</summary>
public sealed record CedarParseOptions
{
    /// <summary>Use the <c>@id("..")</c> annotation as the policy id when present (the reference ignores it for policy-set text).</summary>
    public bool UseIdAnnotations { get; init; }

    /// <summary>Prefix of positional ids (<c>policy</c> → <c>policy0</c>, <c>policy1</c>, ...), so several files can be combined.</summary>
    public string IdPrefix { get; init; } = "policy";
}

/// <summary>An immutable, fully parsed set of static Cedar policies.</summary>
public sealed class CedarPolicySet
{
    private CedarPolicySet(IReadOnlyList<CedarPolicy> policies) => Policies = policies;

    /// <summary>The policies in source order.</summary>
    public IReadOnlyList<CedarPolicy> Policies { get; }

    /// <summary>Parses policy text; all-or-nothing, throws <see cref="CedarParseException"/> with every error found.</summary>
    public static CedarPolicySet Parse(string text, string fileName = "policies.cedar") => Parse(text, fileName, new CedarParseOptions());

    /// <summary>Parses policy text with options.</summary>
    public static CedarPolicySet Parse(string text, string fileName, CedarParseOptions options)
    {
        if (!TryParse(text, fileName, options, out var set, out var diagnostics)) throw new CedarParseException(diagnostics);
        return set!;
    }

    /// <summary>Parses policy text without throwing.</summary>
    public static bool TryParse(string text, string fileName, out CedarPolicySet? set, out IReadOnlyList<CedarDiagnostic> diagnostics) =>
        TryParse(text, fileName, new CedarParseOptions(), out set, out diagnostics);

    /// <summary>Parses policy text with options without throwing.</summary>
    public static bool TryParse(string text, string fileName, CedarParseOptions options, out CedarPolicySet? set, out IReadOnlyList<CedarDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        var policies = Parser.Parse(text, fileName, out var errors);
        if (errors.Count == 0)
        {
            foreach (var p in policies)
            {
                p.Id = options.UseIdAnnotations && p.AnnotatedId is { } id ? id : options.IdPrefix + p.Index;
            }
            var clash = DuplicateIds(policies, fileName);
            if (clash.Count == 0)
            {
                set = new CedarPolicySet(policies);
                diagnostics = Array.Empty<CedarDiagnostic>();
                return true;
            }
            errors = clash;
        }
        set = null;
        diagnostics = errors;
        return false;
    }

    /// <summary>Merges sets; throws <see cref="CedarParseException"/> when two policies share an id.</summary>
    public static CedarPolicySet Combine(params CedarPolicySet[] sets)
    {
        var all = sets.SelectMany(s => s.Policies).ToList();
        var clash = DuplicateIds(all, "combined");
        if (clash.Count > 0) throw new CedarParseException(clash);
        return new CedarPolicySet(all);
    }

    private static List<CedarDiagnostic> DuplicateIds(IReadOnlyList<CedarPolicy> policies, string fileName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<CedarDiagnostic>();
        foreach (var p in policies)
        {
            if (!seen.Add(p.Id)) errors.Add(new CedarDiagnostic(fileName, p.Line, p.Column, $"duplicate policy id `{p.Id}`", "give each policy a unique id"));
        }
        return errors;
    }
}
