namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Turns parsed expressions into compiled ones, folding constant literals so evaluation does not rebuild them.</summary>
internal static class Compiler
{
    public static CompiledExpr Compile(CedarExpr e) => e switch
    {
        LiteralExpr l => new ConstEval(l.Value),
        StringExpr s => new ConstEval(CedarValue.Of(s.Value)),
        VariableExpr v => new VarEval(v.Variable),
        UnaryExpr u => u.Op == CedarUnaryOp.Not ? new NotEval(Compile(u.Operand)) : new NegEval(Compile(u.Operand)),
        BinaryExpr b => CompileBinary(b),
        IfExpr i => new IfEval(Compile(i.Condition), Compile(i.Then), Compile(i.Else)),
        GetAttrExpr g => new GetAttrEval(Compile(g.Target), g.Attribute),
        HasAttrExpr h => new HasAttrEval(Compile(h.Target), h.Attribute),
        LikeExpr l => new LikeEval(Compile(l.Target), l.Pattern.ToArray()),
        IsExpr i => new IsEval(Compile(i.Target), i.EntityType),
        MethodExpr m => CompileMethod(m),
        SetExpr s => CompileSet(s),
        RecordExpr r => CompileRecord(r),
        _ => throw new InvalidOperationException($"cannot compile {e.GetType().Name}"),
    };

    private static CompiledExpr CompileBinary(BinaryExpr b)
    {
        var l = Compile(b.Left);
        var r = Compile(b.Right);
        return b.Op switch
        {
            CedarBinaryOp.And => new AndEval(l, r),
            CedarBinaryOp.Or => new OrEval(l, r),
            CedarBinaryOp.Eq => new EqEval(l, r, negate: false),
            CedarBinaryOp.NotEq => new EqEval(l, r, negate: true),
            CedarBinaryOp.Less or CedarBinaryOp.LessEq or CedarBinaryOp.Greater or CedarBinaryOp.GreaterEq => new CompareEval(l, r, b.Op),
            CedarBinaryOp.In => r is ConstEval { Value.Kind: CedarValueKind.Entity } c ? new InEntityEval(l, c.Value.AsEntity) : new InEval(l, r),
            _ => new ArithEval(l, r, b.Op),
        };
    }

    private static CompiledExpr CompileMethod(MethodExpr m)
    {
        var target = Compile(m.Target);
        var arg = m.Args.Count > 0 ? Compile(m.Args[0]) : null;
        return m.Method switch
        {
            "contains" => new SetMethodEval(target, arg, SetMethod.Contains),
            "containsAll" => new SetMethodEval(target, arg, SetMethod.ContainsAll),
            "containsAny" => new SetMethodEval(target, arg, SetMethod.ContainsAny),
            "isEmpty" => new SetMethodEval(target, null, SetMethod.IsEmpty),
            "hasTag" => new TagEval(target, arg!, get: false),
            "getTag" => new TagEval(target, arg!, get: true),
            _ => throw new InvalidOperationException($"unknown method {m.Method}"),
        };
    }

    private static CompiledExpr CompileSet(SetExpr s)
    {
        var items = s.Items.Select(Compile).ToArray();
        if (items.All(i => i is ConstEval)) return new ConstEval(CedarValue.OfSet(new CedarSet(items.Select(i => ((ConstEval)i).Value))));
        return new SetBuildEval(items);
    }

    private static CompiledExpr CompileRecord(RecordExpr r)
    {
        var keys = r.Fields.Select(f => f.Key).ToArray();
        var values = r.Fields.Select(f => Compile(f.Value)).ToArray();
        if (values.All(v => v is ConstEval))
        {
            return new ConstEval(CedarValue.OfRecord(new CedarRecord(keys.Select((k, i) => new KeyValuePair<string, CedarValue>(k, ((ConstEval)values[i]).Value)))));
        }
        return new RecordBuildEval(keys, values);
    }
}
