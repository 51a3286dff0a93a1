namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Turns parsed expressions into compiled ones that keep their source span, folding constant literals so evaluation does not rebuild them.</summary>
internal static class Compiler
{
    public static CompiledExpr Compile(CedarExpr e) => e switch
    {
        LiteralExpr l => new ConstEval(l.Span, l.Value),
        StringExpr s => new ConstEval(s.Span, CedarValue.Of(s.Value)),
        VariableExpr v => new VarEval(v.Span, v.Variable),
        UnaryExpr u => u.Op == CedarUnaryOp.Not ? new NotEval(u.Span, Compile(u.Operand)) : new NegEval(u.Span, Compile(u.Operand)),
        BinaryExpr b => CompileBinary(b),
        IfExpr i => new IfEval(i.Span, Compile(i.Condition), Compile(i.Then), Compile(i.Else)),
        GetAttrExpr g => new GetAttrEval(g.Span, Compile(g.Target), g.Attribute),
        HasAttrExpr h => new HasAttrEval(h.Span, Compile(h.Target), h.Attribute),
        LikeExpr l => new LikeEval(l.Span, Compile(l.Target), l.Pattern.ToArray()),
        IsExpr i => new IsEval(i.Span, Compile(i.Target), i.EntityType),
        MethodExpr m => CompileMethod(m),
        SetExpr s => CompileSet(s),
        RecordExpr r => CompileRecord(r),
        _ => throw new InvalidOperationException($"cannot compile {e.GetType().Name}"),
    };

    private static CompiledExpr CompileBinary(BinaryExpr b)
    {
        var l = Compile(b.Left);
        var r = Compile(b.Right);
        var at = b.Span;
        return b.Op switch
        {
            CedarBinaryOp.And => new AndEval(at, l, r),
            CedarBinaryOp.Or => new OrEval(at, l, r),
            CedarBinaryOp.Eq => new EqEval(at, l, r, negate: false),
            CedarBinaryOp.NotEq => new EqEval(at, l, r, negate: true),
            CedarBinaryOp.Less or CedarBinaryOp.LessEq or CedarBinaryOp.Greater or CedarBinaryOp.GreaterEq => new CompareEval(at, l, r, b.Op),
            CedarBinaryOp.In => r is ConstEval { Value.Kind: CedarValueKind.Entity } c ? new InEntityEval(at, l, c.Value.AsEntity) : new InEval(at, l, r),
            _ => new ArithEval(at, l, r, b.Op),
        };
    }

    private static CompiledExpr CompileMethod(MethodExpr m)
    {
        var target = Compile(m.Target);
        var arg = m.Args.Count > 0 ? Compile(m.Args[0]) : null;
        var at = m.Span;
        return m.Method switch
        {
            "contains" => new SetMethodEval(at, target, arg, SetMethod.Contains),
            "containsAll" => new SetMethodEval(at, target, arg, SetMethod.ContainsAll),
            "containsAny" => new SetMethodEval(at, target, arg, SetMethod.ContainsAny),
            "isEmpty" => new SetMethodEval(at, target, null, SetMethod.IsEmpty),
            "hasTag" => new TagEval(at, target, arg!, get: false),
            "getTag" => new TagEval(at, target, arg!, get: true),
            _ => throw new InvalidOperationException($"unknown method {m.Method}"),
        };
    }

    private static CompiledExpr CompileSet(SetExpr s)
    {
        var items = s.Items.Select(Compile).ToArray();
        if (items.All(i => i is ConstEval)) return new ConstEval(s.Span, CedarValue.OfSet(new CedarSet(items.Select(i => ((ConstEval)i).Value))));
        return new SetBuildEval(s.Span, items);
    }

    private static CompiledExpr CompileRecord(RecordExpr r)
    {
        var keys = r.Fields.Select(f => f.Key).ToArray();
        var values = r.Fields.Select(f => Compile(f.Value)).ToArray();
        if (values.All(v => v is ConstEval))
        {
            return new ConstEval(r.Span, CedarValue.OfRecord(new CedarRecord(keys.Select((k, i) => new KeyValuePair<string, CedarValue>(k, ((ConstEval)values[i]).Value)))));
        }
        return new RecordBuildEval(r.Span, keys, values);
    }
}
