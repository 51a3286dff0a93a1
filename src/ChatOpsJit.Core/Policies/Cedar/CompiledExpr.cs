namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>
/// A compiled expression: <see cref="Eval"/> returns false on an evaluation error, which is recorded in the
/// <see cref="EvalContext"/> with the span of the expression that raised it.
/// </summary>
internal abstract class CompiledExpr(SourceSpan span)
{
    /// <summary>The source span of the syntax node this was compiled from.</summary>
    public readonly SourceSpan Span = span;

    public abstract bool Eval(EvalContext c, out CedarValue v);

    // Only the failing expression records the error; the ones around it just pass the false on, so the innermost span is the one reported.
    protected bool Fail(EvalContext c, string message) => c.Fail(Span, message);

    protected bool TypeError(EvalContext c, string expected, in CedarValue got) => c.TypeError(Span, expected, got);
}
