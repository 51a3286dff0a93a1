namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>A compiled expression: returns false (with <see cref="EvalContext.Error"/> set) on an evaluation error.</summary>
internal abstract class CompiledExpr
{
    public abstract bool Eval(EvalContext c, out CedarValue v);
}
