namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Turns parsed expressions into evaluator nodes, folding constant literals so evaluation does not rebuild them.</summary>
internal static class Compiler
{
    public static Node Compile(CedarExpr e) => e switch
    {
        LiteralExpr l => new ConstNode(l.Value),
        StringExpr s => new ConstNode(CedarValue.Of(s.Value)),
        VariableExpr v => new VarNode(v.Variable),
        UnaryExpr u => u.Op == CedarUnaryOp.Not ? new NotNode(Compile(u.Operand)) : new NegNode(Compile(u.Operand)),
        BinaryExpr b => CompileBinary(b),
        IfExpr i => new IfNode(Compile(i.Condition), Compile(i.Then), Compile(i.Else)),
        GetAttrExpr g => new GetAttrNode(Compile(g.Target), g.Attribute),
        HasAttrExpr h => new HasAttrNode(Compile(h.Target), h.Attribute),
        LikeExpr l => new LikeNode(Compile(l.Target), l.Pattern.ToArray()),
        IsExpr i => new IsNode(Compile(i.Target), i.EntityType),
        MethodExpr m => CompileMethod(m),
        SetExpr s => CompileSet(s),
        RecordExpr r => CompileRecord(r),
        _ => throw new InvalidOperationException($"cannot compile {e.GetType().Name}"),
    };

    private static Node CompileBinary(BinaryExpr b)
    {
        var l = Compile(b.Left);
        var r = Compile(b.Right);
        return b.Op switch
        {
            CedarBinaryOp.And => new AndNode(l, r),
            CedarBinaryOp.Or => new OrNode(l, r),
            CedarBinaryOp.Eq => new EqNode(l, r, negate: false),
            CedarBinaryOp.NotEq => new EqNode(l, r, negate: true),
            CedarBinaryOp.Less or CedarBinaryOp.LessEq or CedarBinaryOp.Greater or CedarBinaryOp.GreaterEq => new CompareNode(l, r, b.Op),
            CedarBinaryOp.In => r is ConstNode { Value.Kind: CedarValueKind.Entity } c ? new InEntityNode(l, c.Value.AsEntity) : new InNode(l, r),
            _ => new ArithNode(l, r, b.Op),
        };
    }

    private static Node CompileMethod(MethodExpr m)
    {
        var target = Compile(m.Target);
        var arg = m.Args.Count > 0 ? Compile(m.Args[0]) : null;
        return m.Method switch
        {
            "contains" => new SetMethodNode(target, arg, SetMethod.Contains),
            "containsAll" => new SetMethodNode(target, arg, SetMethod.ContainsAll),
            "containsAny" => new SetMethodNode(target, arg, SetMethod.ContainsAny),
            "isEmpty" => new SetMethodNode(target, null, SetMethod.IsEmpty),
            "hasTag" => new TagNode(target, arg!, get: false),
            "getTag" => new TagNode(target, arg!, get: true),
            _ => throw new InvalidOperationException($"unknown method {m.Method}"),
        };
    }

    private static Node CompileSet(SetExpr s)
    {
        var items = s.Items.Select(Compile).ToArray();
        if (items.All(i => i is ConstNode)) return new ConstNode(CedarValue.OfSet(new CedarSet(items.Select(i => ((ConstNode)i).Value))));
        return new SetBuildNode(items);
    }

    private static Node CompileRecord(RecordExpr r)
    {
        var keys = r.Fields.Select(f => f.Key).ToArray();
        var values = r.Fields.Select(f => Compile(f.Value)).ToArray();
        if (values.All(v => v is ConstNode))
        {
            return new ConstNode(CedarValue.OfRecord(new CedarRecord(keys.Select((k, i) => new KeyValuePair<string, CedarValue>(k, ((ConstNode)values[i]).Value)))));
        }
        return new RecordBuildNode(keys, values);
    }
}
