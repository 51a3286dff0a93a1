namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Cedar's <c>in</c>: entity in entity (transitively, or equal) or in any member of a set.</summary>
internal sealed class InEval(CompiledExpr left, CompiledExpr right) : CompiledExpr
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!left.Eval(c, out var l) || !right.Eval(c, out var r)) return false;
        if (l.Kind != CedarValueKind.Entity) return c.TypeError(EvalContext.AnyEntity, l);
        var uid = l.AsEntity;
        if (r.Kind == CedarValueKind.Entity)
        {
            v = CedarValue.Of(c.Entities.IsDescendantOrSelf(uid, r.AsEntity));
            return true;
        }
        if (r.Kind != CedarValueKind.Set) return c.TypeError("one of [set, " + EvalContext.AnyEntity + "]", r);
        var items = r.AsSet.Items;
        // The reference checks every member is an entity before answering.
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Kind != CedarValueKind.Entity) return c.TypeError(EvalContext.AnyEntity, items[i]);
        }
        var stored = c.Entities.Find(uid);
        var found = false;
        for (var i = 0; i < items.Count && !found; i++)
        {
            var target = items[i].AsEntity;
            found = target == uid || (stored is not null && stored.Ancestors.Contains(target));
        }
        v = CedarValue.Of(found);
        return true;
    }
}

/// <summary><c>e in E</c> with a literal entity on the right (the common case), without a set check.</summary>
internal sealed class InEntityEval(CompiledExpr left, EntityUid target) : CompiledExpr
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!left.Eval(c, out var l)) return false;
        if (l.Kind != CedarValueKind.Entity) return c.TypeError(EvalContext.AnyEntity, l);
        v = CedarValue.Of(c.Entities.IsDescendantOrSelf(l.AsEntity, target));
        return true;
    }
}

internal sealed class IsEval(CompiledExpr target, string type) : CompiledExpr
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x)) return false;
        if (x.Kind != CedarValueKind.Entity) return c.TypeError(EvalContext.AnyEntity, x);
        v = CedarValue.Of(string.Equals(x.AsEntity.Type, type, StringComparison.Ordinal));
        return true;
    }
}

internal sealed class GetAttrEval(CompiledExpr target, string attr) : CompiledExpr
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x)) return false;
        if (x.Kind == CedarValueKind.Record)
        {
            return x.AsRecord.TryGetValue(attr, out v) || c.Fail($"record does not have the attribute `{attr}`");
        }
        if (x.Kind == CedarValueKind.Entity)
        {
            var uid = x.AsEntity;
            var stored = c.Entities.Find(uid);
            if (stored is null) return c.Fail($"entity `{uid}` does not exist");
            return stored.Entity.AttrRecord.TryGetValue(attr, out v) || c.Fail($"`{uid}` does not have the attribute `{attr}`");
        }
        return c.TypeError("one of [record, " + EvalContext.AnyEntity + "]", x);
    }
}

internal sealed class HasAttrEval(CompiledExpr target, string attr) : CompiledExpr
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x)) return false;
        if (x.Kind == CedarValueKind.Record)
        {
            v = CedarValue.Of(x.AsRecord.ContainsKey(attr));
            return true;
        }
        if (x.Kind == CedarValueKind.Entity)
        {
            var stored = c.Entities.Find(x.AsEntity);
            v = CedarValue.Of(stored is not null && stored.Entity.AttrRecord.ContainsKey(attr));
            return true;
        }
        return c.TypeError("one of [record, " + EvalContext.AnyEntity + "]", x);
    }
}

internal sealed class TagEval(CompiledExpr target, CompiledExpr tag, bool get) : CompiledExpr
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x) || !tag.Eval(c, out var t)) return false;
        if (x.Kind != CedarValueKind.Entity) return c.TypeError(EvalContext.AnyEntity, x);
        if (t.Kind != CedarValueKind.String) return c.TypeError("string", t);
        var uid = x.AsEntity;
        var stored = c.Entities.Find(uid);
        if (!get)
        {
            v = CedarValue.Of(stored is not null && stored.Entity.TagRecord.ContainsKey(t.AsString));
            return true;
        }
        if (stored is null) return c.Fail($"entity `{uid}` does not exist");
        return stored.Entity.TagRecord.TryGetValue(t.AsString, out v) || c.Fail($"`{uid}` does not have the tag `{t.AsString}`");
    }
}
