namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Cedar's <c>in</c>: entity in entity (transitively, or equal) or in any member of a set.</summary>
internal sealed class InEval(SourceSpan span, CompiledExpr left, CompiledExpr right) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!left.Eval(c, out var l) || !right.Eval(c, out var r)) return false;
        if (l.Kind != CedarValueKind.Entity) return TypeError(c, EvalContext.AnyEntity, l);
        var uid = l.AsEntity;
        if (r.Kind == CedarValueKind.Entity)
        {
            v = CedarValue.Of(c.Entities.IsDescendantOrSelf(uid, r.AsEntity));
            return true;
        }
        if (r.Kind != CedarValueKind.Set) return TypeError(c, "one of [set, " + EvalContext.AnyEntity + "]", r);
        var items = r.AsSet.Items;
        // The reference checks every member is an entity before answering.
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Kind != CedarValueKind.Entity) return TypeError(c, EvalContext.AnyEntity, items[i]);
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
internal sealed class InEntityEval(SourceSpan span, CompiledExpr left, EntityUid target) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!left.Eval(c, out var l)) return false;
        if (l.Kind != CedarValueKind.Entity) return TypeError(c, EvalContext.AnyEntity, l);
        v = CedarValue.Of(c.Entities.IsDescendantOrSelf(l.AsEntity, target));
        return true;
    }
}

internal sealed class IsEval(SourceSpan span, CompiledExpr target, string type) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x)) return false;
        if (x.Kind != CedarValueKind.Entity) return TypeError(c, EvalContext.AnyEntity, x);
        v = CedarValue.Of(string.Equals(x.AsEntity.Type, type, StringComparison.Ordinal));
        return true;
    }
}

internal sealed class GetAttrEval(SourceSpan span, CompiledExpr target, string attr) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x)) return false;
        if (x.Kind == CedarValueKind.Record)
        {
            return x.AsRecord.TryGetValue(attr, out v) || Fail(c, $"record does not have the attribute `{attr}`");
        }
        if (x.Kind == CedarValueKind.Entity)
        {
            var uid = x.AsEntity;
            var stored = c.Entities.Find(uid);
            if (stored is null) return Fail(c, $"entity `{uid}` does not exist");
            return stored.Entity.AttrRecord.TryGetValue(attr, out v) || Fail(c, $"`{uid}` does not have the attribute `{attr}`");
        }
        return TypeError(c, "one of [record, " + EvalContext.AnyEntity + "]", x);
    }
}

internal sealed class HasAttrEval(SourceSpan span, CompiledExpr target, string attr) : CompiledExpr(span)
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
        return TypeError(c, "one of [record, " + EvalContext.AnyEntity + "]", x);
    }
}

internal sealed class TagEval(SourceSpan span, CompiledExpr target, CompiledExpr tag, bool get) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x) || !tag.Eval(c, out var t)) return false;
        if (x.Kind != CedarValueKind.Entity) return TypeError(c, EvalContext.AnyEntity, x);
        if (t.Kind != CedarValueKind.String) return TypeError(c, "string", t);
        var uid = x.AsEntity;
        var stored = c.Entities.Find(uid);
        if (!get)
        {
            v = CedarValue.Of(stored is not null && stored.Entity.TagRecord.ContainsKey(t.AsString));
            return true;
        }
        if (stored is null) return Fail(c, $"entity `{uid}` does not exist");
        return stored.Entity.TagRecord.TryGetValue(t.AsString, out v) || Fail(c, $"`{uid}` does not have the tag `{t.AsString}`");
    }
}
