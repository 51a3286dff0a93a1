namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Where a syntax node sits in the source: offsets plus 1-based line and column of its start.</summary>
public readonly record struct SourceSpan(int Start, int End, int Line, int Column);

/// <summary>The four request variables.</summary>
public enum CedarVariable : byte { Principal, Action, Resource, Context }

/// <summary>Unary operators.</summary>
public enum CedarUnaryOp : byte { Not, Neg }

/// <summary>Binary operators (<c>&amp;&amp;</c>/<c>||</c> short-circuit).</summary>
public enum CedarBinaryOp : byte { And, Or, Eq, NotEq, Less, LessEq, Greater, GreaterEq, In, Add, Sub, Mul }

/// <summary>A parsed Cedar expression; every node carries its source span.</summary>
public abstract record CedarExpr(SourceSpan Span);

/// <summary>A bool, long or entity literal.</summary>
public sealed record LiteralExpr(SourceSpan Span, CedarValue Value) : CedarExpr(Span);

/// <summary>A string literal (raw text kept for messages; <c>BadEscape</c> set when it does not decode).</summary>
public sealed record StringExpr(SourceSpan Span, string Raw, string Value, string? BadEscape) : CedarExpr(Span);

/// <summary>An integer literal before the parser decides whether a leading minus folds into it.</summary>
internal sealed record NumberExpr(SourceSpan Span, ulong Raw) : CedarExpr(Span);

/// <summary>A name that is neither a variable nor an entity literal (an error unless consumed, e.g. by <c>is</c>).</summary>
internal sealed record NameExpr(SourceSpan Span, string Path) : CedarExpr(Span);

/// <summary>A placeholder for a construct already reported as an error.</summary>
internal sealed record ErrorExpr(SourceSpan Span) : CedarExpr(Span);

/// <summary>principal, action, resource or context.</summary>
public sealed record VariableExpr(SourceSpan Span, CedarVariable Variable) : CedarExpr(Span);

/// <summary><c>!e</c> or <c>-e</c>.</summary>
public sealed record UnaryExpr(SourceSpan Span, CedarUnaryOp Op, CedarExpr Operand) : CedarExpr(Span);

/// <summary>A binary operation.</summary>
public sealed record BinaryExpr(SourceSpan Span, CedarBinaryOp Op, CedarExpr Left, CedarExpr Right) : CedarExpr(Span);

/// <summary><c>if c then t else e</c>.</summary>
public sealed record IfExpr(SourceSpan Span, CedarExpr Condition, CedarExpr Then, CedarExpr Else) : CedarExpr(Span);

/// <summary><c>e.attr</c> or <c>e["attr"]</c>.</summary>
public sealed record GetAttrExpr(SourceSpan Span, CedarExpr Target, string Attribute) : CedarExpr(Span);

/// <summary><c>e has attr</c> (one step; <c>has a.b</c> is desugared into a conjunction).</summary>
public sealed record HasAttrExpr(SourceSpan Span, CedarExpr Target, string Attribute) : CedarExpr(Span);

/// <summary><c>e like "pattern"</c>.</summary>
public sealed record LikeExpr(SourceSpan Span, CedarExpr Target, string PatternRaw, IReadOnlyList<PatternPart> Pattern) : CedarExpr(Span);

/// <summary><c>e is Type</c> (<c>is .. in ..</c> is desugared into a conjunction).</summary>
public sealed record IsExpr(SourceSpan Span, CedarExpr Target, string EntityType) : CedarExpr(Span);

/// <summary>A built-in method call such as <c>e.contains(x)</c>.</summary>
public sealed record MethodExpr(SourceSpan Span, string Method, CedarExpr Target, IReadOnlyList<CedarExpr> Args) : CedarExpr(Span);

/// <summary><c>[a, b, ...]</c>.</summary>
public sealed record SetExpr(SourceSpan Span, IReadOnlyList<CedarExpr> Items) : CedarExpr(Span);

/// <summary><c>{a: x, "b": y}</c>.</summary>
public sealed record RecordExpr(SourceSpan Span, IReadOnlyList<KeyValuePair<string, CedarExpr>> Fields) : CedarExpr(Span);

/// <summary>A <c>when</c> (or, negated, <c>unless</c>) clause.</summary>
public sealed record CedarCondition(bool IsWhen, CedarExpr Body, SourceSpan Span);

/// <summary>How a principal or resource is constrained in the scope.</summary>
public enum CedarScopeKind : byte { Any, Equals, In, Is, IsIn }

/// <summary>A principal/resource scope constraint.</summary>
public sealed record CedarScope(CedarScopeKind Kind, EntityUid? Entity = null, string? EntityType = null)
{
    internal static readonly CedarScope AnyScope = new(CedarScopeKind.Any);
}
