using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>Load-time checks that a Cedar file is a JITNA deny-access or auto-approval policy.</summary>
public static class JitnaCedarValidation
{
    public static IEnumerable<PolicyProblem> Check(CedarPolicySet set, string file, CedarEffect requiredEffect)
    {
        foreach (var policy in set.Policies)
        {
            if (policy.Effect != requiredEffect)
            {
                yield return Problem(file, policy.Span, requiredEffect == CedarEffect.Forbid
                    ? $"'{policy.Id}' is a permit statement; a deny-access policy holds forbid statements only (put permits in auto-approval.cedar)"
                    : $"'{policy.Id}' is a forbid statement; an auto-approval policy holds permit statements only (put forbids in deny.cedar)");
            }

            if (policy.ActionKind == CedarActionScopeKind.Any || policy.ActionEntities.Any(a => a != JitnaSchema.Action))
            {
                yield return Problem(file, policy.Span,
                    $"'{policy.Id}' must constrain the action to AWS::SSM::Action::\"getTokenForInstanceAccess\" (write: action == AWS::SSM::Action::\"getTokenForInstanceAccess\")");
            }

            foreach (var problem in CheckScope(file, policy, policy.Principal, "principal", JitnaSchema.PrincipalTypes))
            {
                yield return problem;
            }

            foreach (var problem in CheckScope(file, policy, policy.Resource, "resource", JitnaSchema.ResourceTypes))
            {
                yield return problem;
            }

            foreach (var (type, span) in policy.Conditions.SelectMany(c => EntityTypesIn(c.Body)))
            {
                if (!JitnaSchema.EntityTypes.Contains(type))
                {
                    yield return Problem(file, span, $"entity type '{type}' is not in JITNA's schema (expected one of {string.Join(", ", JitnaSchema.EntityTypes.Order(StringComparer.Ordinal))})");
                }
            }
        }
    }

    private static IEnumerable<PolicyProblem> CheckScope(string file, CedarPolicy policy, CedarScope scope, string variable, IReadOnlySet<string> allowed)
    {
        var types = new[] { scope.Entity?.Type, scope.EntityType }.OfType<string>();
        foreach (var type in types.Where(t => !allowed.Contains(t)))
        {
            yield return Problem(file, policy.Span,
                $"'{policy.Id}' constrains the {variable} to type '{type}'; JITNA's {variable} is one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
        }
    }

    private static IEnumerable<(string Type, SourceSpan Span)> EntityTypesIn(CedarExpr expr)
    {
        switch (expr)
        {
            case LiteralExpr { Value.Kind: CedarValueKind.Entity } literal:
                yield return (literal.Value.AsEntity.Type, literal.Span);
                break;
            case IsExpr isExpr:
                yield return (isExpr.EntityType, isExpr.Span);
                break;
        }

        foreach (var child in Children(expr))
        {
            foreach (var found in EntityTypesIn(child))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<CedarExpr> Children(CedarExpr expr) => expr switch
    {
        UnaryExpr u => [u.Operand],
        BinaryExpr b => [b.Left, b.Right],
        IfExpr i => [i.Condition, i.Then, i.Else],
        GetAttrExpr g => [g.Target],
        HasAttrExpr h => [h.Target],
        LikeExpr l => [l.Target],
        IsExpr i => [i.Target],
        MethodExpr m => m.Args.Prepend(m.Target),
        SetExpr s => s.Items,
        RecordExpr r => r.Fields.Select(f => f.Value),
        _ => [],
    };

    private static PolicyProblem Problem(string file, SourceSpan span, string message) => new(file, span.Line, span.Column, message);
}
