namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>An authorization request; entity values are boxed once here so evaluation never re-boxes them.</summary>
public sealed class CedarRequest
{
    /// <summary>Creates a request; <paramref name="context"/> must be a record (default: empty record).</summary>
    public CedarRequest(EntityUid principal, EntityUid action, EntityUid resource, CedarValue? context = null)
    {
        foreach (var uid in (ReadOnlySpan<EntityUid>)[principal, action, resource])
        {
            if (!NameRules.IsValidTypeName(uid.Type)) throw new ArgumentException($"`{uid.Type}` is not a valid entity type name");
        }
        Principal = principal;
        Action = action;
        Resource = resource;
        Context = context ?? CedarValue.EmptyRecord;
        if (Context.Kind != CedarValueKind.Record) throw new ArgumentException("context must be a record", nameof(context));
        PrincipalValue = CedarValue.Of(principal);
        ActionValue = CedarValue.Of(action);
        ResourceValue = CedarValue.Of(resource);
    }

    /// <summary>The principal.</summary>
    public EntityUid Principal { get; }

    /// <summary>The action.</summary>
    public EntityUid Action { get; }

    /// <summary>The resource.</summary>
    public EntityUid Resource { get; }

    /// <summary>The context record.</summary>
    public CedarValue Context { get; }

    internal CedarValue PrincipalValue { get; }

    internal CedarValue ActionValue { get; }

    internal CedarValue ResourceValue { get; }
}

/// <summary>The authorization decision.</summary>
public enum CedarDecision { Allow, Deny }

/// <summary>An immutable authorization answer.</summary>
public sealed record CedarResponse(CedarDecision Decision, IReadOnlyList<string> DeterminingPolicies, IReadOnlyList<CedarEvaluationError> Errors);
