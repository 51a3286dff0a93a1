namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Whether a policy permits or forbids.</summary>
public enum CedarEffect { Permit, Forbid }

/// <summary>How the action is constrained in a policy scope.</summary>
public enum CedarActionScopeKind : byte { Any, Equals, In }

/// <summary>One parsed static policy: effect, scope, conditions and annotations.</summary>
public sealed class CedarPolicy
{
    internal CedarPolicy(
        string id, int index, CedarEffect effect, IReadOnlyDictionary<string, string> annotations, string file, SourceSpan span, string text,
        CedarScope principal, CedarActionScopeKind actionKind, IReadOnlyList<EntityUid> actionEntities, CedarScope resource,
        IReadOnlyList<CedarCondition> conditions)
    {
        Id = id;
        Index = index;
        Effect = effect;
        Annotations = annotations;
        File = file;
        Span = span;
        Text = text;
        Principal = principal;
        ActionKind = actionKind;
        ActionEntities = actionEntities;
        Resource = resource;
        Conditions = conditions;
    }

    /// <summary>The policy id: <c>policyN</c> by position, as the reference assigns for a policy-set string.</summary>
    public string Id { get; internal set; }

    /// <summary>Position of the policy in its source text (0-based).</summary>
    public int Index { get; }

    /// <summary>Permit or forbid.</summary>
    public CedarEffect Effect { get; }

    /// <summary>Annotations (<c>@key("value")</c>; a bare <c>@key</c> has value "").</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>The <c>@id</c> annotation value, if any.</summary>
    public string? AnnotatedId => Annotations.TryGetValue("id", out var v) ? v : null;

    /// <summary>The file name the policy was parsed from, as given to <see cref="CedarPolicySet.Parse(string, string)"/>.</summary>
    public string File { get; }

    /// <summary>Source span of the whole policy.</summary>
    public SourceSpan Span { get; }

    /// <summary>1-based line of the policy start.</summary>
    public int Line => Span.Line;

    /// <summary>1-based column of the policy start.</summary>
    public int Column => Span.Column;

    /// <summary>The policy's source text.</summary>
    public string Text { get; }

    /// <summary>The principal constraint.</summary>
    public CedarScope Principal { get; }

    /// <summary>The resource constraint.</summary>
    public CedarScope Resource { get; }

    /// <summary>How the action is constrained.</summary>
    public CedarActionScopeKind ActionKind { get; }

    /// <summary>The entity of <c>action == E</c> or the entities of <c>action in E</c> / <c>action in [..]</c>.</summary>
    public IReadOnlyList<EntityUid> ActionEntities { get; }

    /// <summary>The entity of <c>action == E</c>, else null.</summary>
    public EntityUid? ActionEquals => ActionKind == CedarActionScopeKind.Equals ? ActionEntities[0] : null;

    /// <summary>The entities of <c>action in ..</c>, else empty.</summary>
    public IReadOnlyList<EntityUid> ActionIn => ActionKind == CedarActionScopeKind.In ? ActionEntities : Array.Empty<EntityUid>();

    /// <summary>The type of <c>principal is T</c>, else null.</summary>
    public string? PrincipalIsType => Principal.EntityType;

    /// <summary>The type of <c>resource is T</c>, else null.</summary>
    public string? ResourceIsType => Resource.EntityType;

    /// <summary>The when/unless clauses in source order.</summary>
    public IReadOnlyList<CedarCondition> Conditions { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
