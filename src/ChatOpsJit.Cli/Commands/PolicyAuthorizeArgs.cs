using ChatOpsJit.Cli.Options;

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
    private static readonly string[] RequestFlags = ["entities", "principal", "action", "resource", "context"];

    /// <summary>True when requests come one JSON object per line from <see cref="Batch"/> instead of from flags.</summary>
    public bool IsBatch => Batch is not null;

    /// <summary>Parses the flags; on failure returns null and a one-line reason (without the "error: " prefix).</summary>
    public static PolicyAuthorizeArgs? Parse(IReadOnlyList<string> args, out string? problem)
    {
        try
        {
            problem = null;
            return From(OptionParser.Parse(PolicyAuthorizeSpec.Spec, args));
        }
        catch (UsageException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>The flags as one request or a batch; throws <see cref="UsageException"/> for a combination that is neither.</summary>
    public static PolicyAuthorizeArgs From(ParsedOptions o)
    {
        var parsed = new PolicyAuthorizeArgs(o.Require("policies"), o.Get("entities"), o.Get("principal"), o.Get("action"),
            o.Get("resource"), o.Get("context"), o.Get("batch"));
        if (parsed.IsBatch)
        {
            // A batch line carries its own request and entities; mixing in flags would be ambiguous.
            return RequestFlags.FirstOrDefault(o.Has) is { } extra
                ? throw new UsageException($"option '--{extra}' cannot be combined with '--batch' (each batch line carries its own request and entities)")
                : parsed;
        }

        return RequestFlags[..^1].FirstOrDefault(f => !o.Has(f)) is { } missing
            ? throw new UsageException($"missing required option '--{missing}' (or use '--batch FILE.jsonl')")
            : parsed;
    }
}
