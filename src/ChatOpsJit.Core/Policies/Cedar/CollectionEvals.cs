namespace ChatOpsJit.Core.Policies.Cedar;

internal enum SetMethod : byte { Contains, ContainsAll, ContainsAny, IsEmpty }

internal sealed class SetMethodEval(SourceSpan span, CompiledExpr target, CompiledExpr? arg, SetMethod method) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x)) return false;
        CedarValue a = default;
        if (arg is not null && !arg.Eval(c, out a)) return false;
        if (x.Kind != CedarValueKind.Set) return TypeError(c, "set", x);
        var set = x.AsSet;
        switch (method)
        {
            case SetMethod.Contains:
                v = CedarValue.Of(set.Contains(a));
                return true;
            case SetMethod.IsEmpty:
                v = CedarValue.Of(set.Count == 0);
                return true;
        }
        if (a.Kind != CedarValueKind.Set) return TypeError(c, "set", a);
        v = CedarValue.Of(method == SetMethod.ContainsAll ? set.ContainsAll(a.AsSet) : set.ContainsAny(a.AsSet));
        return true;
    }
}

internal sealed class LikeEval(SourceSpan span, CompiledExpr target, PatternPart[] pattern) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!target.Eval(c, out var x)) return false;
        if (x.Kind != CedarValueKind.String) return TypeError(c, "string", x);
        v = CedarValue.Of(LikePattern.Matches(x.AsString, pattern));
        return true;
    }
}

/// <summary>A set literal with non-constant members (constant ones are folded at compile time).</summary>
internal sealed class SetBuildEval(SourceSpan span, CompiledExpr[] items) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        var values = new CedarValue[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (!items[i].Eval(c, out values[i])) return false;
        }
        v = CedarValue.OfSet(new CedarSet(values));
        return true;
    }
}

/// <summary>A record literal with non-constant fields.</summary>
internal sealed class RecordBuildEval(SourceSpan span, string[] keys, CompiledExpr[] values) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        var fields = new KeyValuePair<string, CedarValue>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            if (!values[i].Eval(c, out var x)) return false;
            fields[i] = new(keys[i], x);
        }
        v = CedarValue.OfRecord(new CedarRecord(fields));
        return true;
    }
}
