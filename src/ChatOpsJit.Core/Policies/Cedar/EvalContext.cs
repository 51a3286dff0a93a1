namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Per-evaluation state: the request, the entity store and the last error (set when an expression returns false).</summary>
internal sealed class EvalContext
{
    public CedarRequest Request = null!;
    public CedarEntities Entities = CedarEntities.Empty;
    public string? Error;

    /// <summary>Where the last error was raised; only meaningful while <see cref="Error"/> is set.</summary>
    public SourceSpan ErrorSpan;

    public bool Fail(in SourceSpan at, string message)
    {
        Error = message;
        ErrorSpan = at;
        return false;
    }

    public bool TypeError(in SourceSpan at, string expected, in CedarValue got) => Fail(at, $"type error: expected {expected}, got {got.TypeName}");

    public const string AnyEntity = "(entity of type `any_entity_type`)";
}
