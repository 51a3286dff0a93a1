using static ChatOpsJit.Core.Tests.Cedar.Differential.CedarText;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>
/// Type-directed random Cedar expressions. Each method returns an expression of the named type (so policies are
/// mostly well-typed and decisions are meaningful); runtime errors still come from missing attributes, absent
/// entities, overflow, missing tags and a small, deliberate share of ill-typed expressions (<see cref="TypeError"/>).
/// </summary>
internal sealed partial class DiffExprGen(Random rng)
{
    // Chance per composite node, tuned so that a few percent of policies contain an ill-typed expression.
    private const double TypeErrorRate = 0.025;

    private static readonly string[] RelOps = ["<", "<=", ">", ">="];

    private string At(Src s, int min) => CedarText.At(rng, s, min);

    public Src Of(CType t, int depth) => t.Kind switch
    {
        Kind.Bool => Bool(depth),
        Kind.Long => Long(depth),
        Kind.String => Str(depth),
        Kind.Entity => Ent(depth),
        Kind.Set => Set(t, depth),
        _ => Rec(t, depth),
    };

    public Src Bool(int depth)
    {
        if (depth > 0 && rng.Chance(TypeErrorRate))
        {
            return TypeError();
        }
        var c = depth > 0 ? 1 : 0; // composite forms only above the leaves, so generation terminates
        var d = Math.Max(depth - 1, 0);
        return rng.Weighted(1, 4, 4, 3 * c, 3 * c, 2 * c, 1 * c, 3, 3, 2, 2, 4, 3, 2, 3, 1) switch
        {
            0 => Atom(rng.Chance(0.6) ? "true" : "false"),
            1 => Rel(Long(d), rng.Pick(RelOps), Long(d)),
            2 => Equality(d),
            3 => Infix(Bool(d), "&&", Bool(d), And),
            4 => Infix(Bool(d), "||", Bool(d), Or),
            5 => Prefix("!", Bool(d)),
            6 => IfThenElse(Bool(d), Bool(d), Bool(d)),
            7 => In(d),
            8 => Has(d),
            9 => Like(d),
            10 => Is(d),
            11 => SetOp(d),
            12 => TagOp(d),
            13 => Consume(Attr(CType.Bool, d), CType.Bool, d),
            14 => Guarded(d),
            _ => Jitna(),
        };
    }

    public Src Long(int depth)
    {
        if (depth > 0 && rng.Chance(TypeErrorRate))
        {
            return new Src($"{At(Str(0), Add)} + {At(Long(0), Mult)}", Add);
        }
        var c = depth > 0 ? 1 : 0;
        var d = Math.Max(depth - 1, 0);
        return rng.Weighted(5, 3, 3 * c, 2 * c, 2 * c, 2 * c, 1 * c, 1 * c) switch
        {
            0 => LongLiteral(DiffWorld.AnyLong(rng)),
            7 => Overflowing(d),
            1 => Attr(CType.Long, d),
            2 => Infix(Long(d), "+", Long(d), Add),
            3 => Infix(Long(d), "-", Long(d), Add),
            4 => Infix(Long(d), "*", Long(d), Mult),
            5 => Prefix("-", Long(d)),
            _ => IfThenElse(Bool(d), Long(d), Long(d)),
        };
    }

    public Src Str(int depth)
    {
        var d = Math.Max(depth - 1, 0);
        return rng.Weighted(6, 4, depth > 0 ? 1 : 0) switch
        {
            0 => Atom(Quote(rng, rng.Pick(DiffWorld.Strings))),
            1 => Attr(CType.String, d),
            _ => IfThenElse(Bool(d), Str(d), Str(d)),
        };
    }

    public Src Ent(int depth)
    {
        var d = Math.Max(depth - 1, 0);
        return rng.Weighted(4, 3, 3, 1, 2, depth > 0 ? 1 : 0) switch
        {
            0 => Atom(Uid(rng, EntityLiteral())),
            1 => Atom("principal"),
            2 => Atom("resource"),
            3 => Atom("action"),
            4 => Attr(CType.Entity, d),
            _ => IfThenElse(Bool(d), Ent(d), Ent(d)),
        };
    }

    public Src Set(CType t, int depth)
    {
        var d = Math.Max(depth - 1, 0);
        return rng.Weighted(3, 2, 1) switch
        {
            0 => Atom("[" + string.Join(", ", Enumerable.Range(0, rng.Next(1, 4)).Select(_ => At(Of(t.Element!, d), If))) + "]"),
            1 => Attr(t, d),
            _ => Atom("[]"),
        };
    }

    public Src Rec(CType t, int depth)
    {
        if (rng.Chance(0.5))
        {
            return Attr(t, depth);
        }
        var fields = t.Fields!.Where(_ => rng.Chance(0.7)).OrderBy(_ => rng.Next())
            .Select(f => $"{Key(f.Name)}: {At(Of(f.Type, Math.Max(depth - 1, 0)), If)}");
        return Atom("{" + string.Join(", ", fields) + "}");
    }

    /// <summary>Turns a value of type <paramref name="t"/> into a boolean test of it, the way policies use attributes.</summary>
    private Src Consume(Src value, CType t, int d) => t.Kind switch
    {
        Kind.Bool => value,
        Kind.Long => Rel(value, rng.Pick(RelOps), Long(d)),
        Kind.String => rng.Chance(0.7) ? Rel(value, rng.Chance(0.8) ? "==" : "!=", Str(d)) : LikeOf(value),
        Kind.Entity => Rel(value, rng.Chance(0.5) ? "in" : "==", Ent(d)),
        Kind.Set => Method(value, "contains", At(Of(t.Element!, d), If)),
        _ => HasOn(value, rng.Pick(t.Fields!).Name),
    };

    private Src Equality(int d)
    {
        if (rng.Chance(0.1))
        {
            // Sets of sets and sets of records: equality is structural and ignores order and duplicates.
            return rng.Chance(0.7) ? Rel(Nested(), rng.Chance(0.8) ? "==" : "!=", Nested()) : Method(Nested(), "contains", Nested().Text);
        }
        var t = rng.Pick(CType.Simple);
        var u = rng.Chance(0.9) ? t : rng.Pick(CType.Simple); // `==` across types is false, never an error
        return Rel(Of(t, d), rng.Chance(0.75) ? "==" : "!=", Of(u, d));
    }

    private Src Nested()
    {
        var inner = () => rng.Next(3) switch
        {
            0 => $"[{string.Join(", ", Enumerable.Range(0, rng.Next(0, 3)).Select(_ => rng.Next(3)))}]",
            1 => $"{{a: {rng.Next(2)}{(rng.Chance(0.5) ? ", b: [" + rng.Next(2) + "]" : "")}}}",
            _ => rng.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Atom("[" + string.Join(", ", Enumerable.Range(0, rng.Next(0, 4)).Select(_ => inner())) + "]");
    }

    private Uid EntityLiteral() => rng.Chance(0.85) ? rng.Pick(DiffWorld.NonActions) : rng.Pick(DiffWorld.Actions);

    private string Key(string name) => DiffWorld.IsIdentifier(name) && rng.Chance(0.7) ? name : Quote(rng, name);

    private Src Rel(Src l, string op, Src r) => new($"{At(l, Add)} {op} {At(r, Add)}", Relation);

    private Src Infix(Src l, string op, Src r, int level) => new($"{At(l, level)} {op} {At(r, level + 1)}", level);

    private Src Method(Src receiver, string name, string args = "") => new($"{At(receiver, Member)}.{name}({args})", Member);

    private Src IfThenElse(Src c, Src a, Src b) => new($"if {At(c, If)} then {At(a, If)} else {At(b, If)}", If);

    // Cedar allows a run of at most four of the same prefix operator (`!!x`, `--x`, but not `!-x`); anything else
    // gets parentheses.
    private Src Prefix(string op, Src operand)
    {
        var bare = operand.Level >= Unary && operand.UnaryChain < 3 && !rng.Chance(0.1)
            && (operand.UnaryChain == 0 || operand.Text[0] == op[0]);
        return bare ? new Src(op + operand.Text, Unary, operand.UnaryChain + 1) : new Src(op + "(" + operand.Text + ")", Unary, 1);
    }

    // Arithmetic next to the edges of the 64-bit range: overflows (an error) or lands exactly on an edge.
    private Src Overflowing(int d)
    {
        var edge = LongLiteral(rng.Pick(DiffWorld.Extremes));
        return rng.Next(4) switch
        {
            0 => Infix(edge, "+", Long(d), Add),
            1 => Infix(Long(d), "-", edge, Add),
            2 => Infix(edge, "*", Long(d), Mult),
            _ => Prefix("-", edge),
        };
    }

    // A negative literal is itself a prefix expression; the minimum value counts as a full run so it is never
    // negated again without parentheses.
    private static Src LongLiteral(long v) => v switch
    {
        long.MinValue => new Src(CedarText.Long(v), Unary, 4),
        < 0 => new Src(CedarText.Long(v), Unary, 1),
        _ => Atom(CedarText.Long(v)),
    };
}
