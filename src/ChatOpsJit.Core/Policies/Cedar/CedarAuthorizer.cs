namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Compiles a policy set once and answers authorization requests with the reference's semantics.</summary>
public sealed class CedarAuthorizer
{
    private readonly CompiledPolicy[] _policies;
    private readonly PolicyIndex _index;

    /// <summary>Compiles <paramref name="set"/> and builds its scope index.</summary>
    public CedarAuthorizer(CedarPolicySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        PolicySet = set;
        _policies = set.Policies.Select((p, i) => new CompiledPolicy(p, i)).ToArray();
        _index = new PolicyIndex(_policies);
    }

    /// <summary>The compiled policy set.</summary>
    public CedarPolicySet PolicySet { get; }

    /// <summary>Authorizes and returns an immutable response (allocates; use <see cref="Authorize"/> on hot paths).</summary>
    public CedarResponse IsAuthorized(CedarRequest request, CedarEntities entities)
    {
        var result = new AuthorizationResult();
        var decision = Authorize(request, entities, result);
        return new CedarResponse(
            decision,
            result.Determining.Select(p => p.Id).ToArray(),
            result.Errors.ToArray());
    }

    /// <summary>
    /// Authorizes into a caller-owned <paramref name="result"/> (cleared first). Forbid wins over permit; no satisfied
    /// permit means deny; erroring policies are skipped and reported.
    /// </summary>
    public CedarDecision Authorize(CedarRequest request, CedarEntities entities, AuthorizationResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(result);
        result.Clear();
        result.EnsureCapacity(_policies.Length);
        var ctx = result.Context;
        ctx.Request = request;
        ctx.Entities = entities;
        ctx.Error = null;
        var count = _index.Collect(request, entities, result.Candidates, result.Stamps, result.NextGeneration());
        var candidates = result.Candidates;
        for (var i = 0; i < count; i++)
        {
            var cp = _policies[candidates[i]];
            switch (cp.Evaluate(ctx))
            {
                case PolicyOutcome.Satisfied:
                    result.AddSatisfied(cp.Policy, cp.IsForbid);
                    break;
                case PolicyOutcome.Error:
                    result.AddError(cp.Policy, ctx.Error ?? "evaluation error", ctx.Error is null ? cp.Policy.Span : ctx.ErrorSpan);
                    ctx.Error = null;
                    break;
            }
        }
        return result.Finish();
    }
}
