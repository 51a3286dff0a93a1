namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Outcome of evaluating one policy.</summary>
internal enum PolicyOutcome : byte { NotSatisfied, Satisfied, Error }

/// <summary>A policy ready to evaluate: scope checks on uids plus compiled conditions.</summary>
internal sealed class CompiledPolicy
{
    private readonly CedarScope _principal;
    private readonly CedarScope _resource;
    private readonly CedarActionScopeKind _actionKind;
    private readonly EntityUid[] _actions;
    private readonly CompiledExpr[] _conditions;
    private readonly bool[] _isWhen;

    public CompiledPolicy(CedarPolicy policy, int ordinal)
    {
        Policy = policy;
        Ordinal = ordinal;
        IsForbid = policy.Effect == CedarEffect.Forbid;
        _principal = policy.Principal;
        _resource = policy.Resource;
        _actionKind = policy.ActionKind;
        _actions = policy.ActionEntities.ToArray();
        _conditions = policy.Conditions.Select(c => Compiler.Compile(c.Body)).ToArray();
        _isWhen = policy.Conditions.Select(c => c.IsWhen).ToArray();
    }

    public CedarPolicy Policy { get; }

    public int Ordinal { get; }

    public bool IsForbid { get; }

    public PolicyOutcome Evaluate(EvalContext c)
    {
        var req = c.Request;
        if (!ScopeMatches(_principal, req.Principal, c.Entities) || !ActionMatches(req.Action, c.Entities) || !ScopeMatches(_resource, req.Resource, c.Entities))
        {
            return PolicyOutcome.NotSatisfied;
        }
        // Conditions form one conjunction in source order (`unless` negated), so evaluation stops at the first false.
        for (var i = 0; i < _conditions.Length; i++)
        {
            if (!_conditions[i].Eval(c, out var v)) return PolicyOutcome.Error;
            if (v.Kind != CedarValueKind.Bool)
            {
                c.TypeError(_conditions[i].Span, "bool", v);
                return PolicyOutcome.Error;
            }
            if (v.AsBool != _isWhen[i]) return PolicyOutcome.NotSatisfied;
        }
        return PolicyOutcome.Satisfied;
    }

    private static bool ScopeMatches(CedarScope scope, in EntityUid uid, CedarEntities entities) => scope.Kind switch
    {
        CedarScopeKind.Any => true,
        CedarScopeKind.Equals => uid == scope.Entity!.Value,
        CedarScopeKind.In => entities.IsDescendantOrSelf(uid, scope.Entity!.Value),
        CedarScopeKind.Is => string.Equals(uid.Type, scope.EntityType, StringComparison.Ordinal),
        _ => string.Equals(uid.Type, scope.EntityType, StringComparison.Ordinal) && entities.IsDescendantOrSelf(uid, scope.Entity!.Value),
    };

    private bool ActionMatches(in EntityUid action, CedarEntities entities)
    {
        switch (_actionKind)
        {
            case CedarActionScopeKind.Any:
                return true;
            case CedarActionScopeKind.Equals:
                return action == _actions[0];
            default:
                var node = entities.Find(action);
                foreach (var a in _actions)
                {
                    if (a == action || (node is not null && node.Ancestors.Contains(a))) return true;
                }
                return false;
        }
    }
}
