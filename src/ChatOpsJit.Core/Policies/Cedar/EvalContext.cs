namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Per-evaluation state: the request, the entity store and the last error (set when an expression returns false).</summary>
internal sealed class EvalContext
{
    public CedarRequest Request = null!;
    public CedarEntities Entities = CedarEntities.Empty;
    public string? Error;

    public bool Fail(string message)
    {
        Error = message;
        return false;
    }

    public bool TypeError(string expected, in CedarValue got) => Fail($"type error: expected {expected}, got {got.TypeName}");

    public const string AnyEntity = "(entity of type `any_entity_type`)";
}
