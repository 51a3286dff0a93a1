namespace ChatOpsJit.Core.Policies.Cedar;

internal sealed class ConstEval(SourceSpan span, CedarValue value) : CompiledExpr(span)
{
    public readonly CedarValue Value = value;

    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = Value;
        return true;
    }
}

internal sealed class VarEval(SourceSpan span, CedarVariable variable) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        var r = c.Request;
        v = variable switch
        {
            CedarVariable.Principal => r.PrincipalValue,
            CedarVariable.Action => r.ActionValue,
            CedarVariable.Resource => r.ResourceValue,
            _ => r.Context,
        };
        return true;
    }
}

internal sealed class AndEval(SourceSpan span, CompiledExpr left, CompiledExpr right) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = CedarValue.False;
        if (!left.Eval(c, out var l)) return false;
        if (l.Kind != CedarValueKind.Bool) return TypeError(c, "bool", l);
        if (!l.AsBool) return true;
        if (!right.Eval(c, out var r)) return false;
        if (r.Kind != CedarValueKind.Bool) return TypeError(c, "bool", r);
        v = r;
        return true;
    }
}

internal sealed class OrEval(SourceSpan span, CompiledExpr left, CompiledExpr right) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = CedarValue.True;
        if (!left.Eval(c, out var l)) return false;
        if (l.Kind != CedarValueKind.Bool) return TypeError(c, "bool", l);
        if (l.AsBool) return true;
        if (!right.Eval(c, out var r)) return false;
        if (r.Kind != CedarValueKind.Bool) return TypeError(c, "bool", r);
        v = r;
        return true;
    }
}

internal sealed class NotEval(SourceSpan span, CompiledExpr operand) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!operand.Eval(c, out var x)) return false;
        if (x.Kind != CedarValueKind.Bool) return TypeError(c, "bool", x);
        v = CedarValue.Of(!x.AsBool);
        return true;
    }
}

internal sealed class NegEval(SourceSpan span, CompiledExpr operand) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!operand.Eval(c, out var x)) return false;
        if (x.Kind != CedarValueKind.Long) return TypeError(c, "long", x);
        if (x.AsLong == long.MinValue) return Fail(c, $"integer overflow while attempting to negate the value `{x.AsLong}`");
        v = CedarValue.Of(-x.AsLong);
        return true;
    }
}

internal sealed class IfEval(SourceSpan span, CompiledExpr cond, CompiledExpr then, CompiledExpr @else) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!cond.Eval(c, out var x)) return false;
        if (x.Kind != CedarValueKind.Bool) return TypeError(c, "bool", x);
        return x.AsBool ? then.Eval(c, out v) : @else.Eval(c, out v);
    }
}

internal sealed class EqEval(SourceSpan span, CompiledExpr left, CompiledExpr right, bool negate) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!left.Eval(c, out var l) || !right.Eval(c, out var r)) return false;
        v = CedarValue.Of(l.Equals(r) != negate);
        return true;
    }
}

internal sealed class CompareEval(SourceSpan span, CompiledExpr left, CompiledExpr right, CedarBinaryOp op) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!left.Eval(c, out var l) || !right.Eval(c, out var r)) return false;
        if (l.Kind != CedarValueKind.Long) return TypeError(c, "one of [long, datetime, duration]", l);
        if (r.Kind != CedarValueKind.Long) return TypeError(c, "long", r);
        long a = l.AsLong, b = r.AsLong;
        v = CedarValue.Of(op switch
        {
            CedarBinaryOp.Less => a < b,
            CedarBinaryOp.LessEq => a <= b,
            CedarBinaryOp.Greater => a > b,
            _ => a >= b,
        });
        return true;
    }
}

internal sealed class ArithEval(SourceSpan span, CompiledExpr left, CompiledExpr right, CedarBinaryOp op) : CompiledExpr(span)
{
    public override bool Eval(EvalContext c, out CedarValue v)
    {
        v = default;
        if (!left.Eval(c, out var l) || !right.Eval(c, out var r)) return false;
        if (l.Kind != CedarValueKind.Long) return TypeError(c, "long", l);
        if (r.Kind != CedarValueKind.Long) return TypeError(c, "long", r);
        long a = l.AsLong, b = r.AsLong, result;
        bool overflow;
        switch (op)
        {
            case CedarBinaryOp.Add:
                result = unchecked(a + b);
                overflow = ((a ^ result) & (b ^ result)) < 0;
                break;
            case CedarBinaryOp.Sub:
                result = unchecked(a - b);
                overflow = ((a ^ b) & (a ^ result)) < 0;
                break;
            default:
                var wide = Math.BigMul(a, b, out result);
                overflow = wide != (result >> 63);
                break;
        }
        if (overflow)
        {
            var verb = op switch { CedarBinaryOp.Add => "add", CedarBinaryOp.Sub => "subtract", _ => "multiply" };
            return Fail(c, $"integer overflow while attempting to {verb} the values `{a}` and `{b}`");
        }
        v = CedarValue.Of(result);
        return true;
    }
}
