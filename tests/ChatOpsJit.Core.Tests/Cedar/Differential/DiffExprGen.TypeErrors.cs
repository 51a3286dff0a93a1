using static ChatOpsJit.Core.Tests.Cedar.Differential.CedarText;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>Expressions that parse but are ill-typed at runtime: the evaluator must report the policy as erroring.</summary>
internal sealed partial class DiffExprGen
{
    private Src TypeError() => rng.Next(20) switch
    {
        0 => Rel(Str(0), "<", Long(0)),
        1 => Rel(Infix(Long(0), "+", Str(0), Add), "==", Long(0)),
        2 => Prefix("!", Long(0)),
        3 => Rel(Prefix("-", Str(0)), "==", Long(0)),
        4 => Infix(Long(0), "&&", Bool(0), And),
        5 => new Src($"{At(Long(0), Add)} like \"*\"", Relation),
        6 => Rel(Long(0), "in", Ent(0)),
        7 => Rel(Ent(0), "in", Atom($"[{Uid(rng, rng.Pick(DiffWorld.NonActions))}, {CedarText.Long(DiffWorld.SmallLong(rng))}]")),
        8 => HasOn(Long(0), "x"),
        9 => new Src($"{At(Long(0), Add)} is User", Relation),
        10 => Method(Atom("principal"), "contains", At(Long(0), If)),
        11 => Method(Atom("[1, 2]"), "containsAll", At(Long(0), If)),
        12 => Method(Str(0), "isEmpty"),
        13 => IfThenElse(Long(0), Bool(0), Bool(0)),
        14 => Rel(Method(Atom("principal"), "getTag", At(Long(0), If)), "==", Long(0)),
        15 => Method(Long(0), "hasTag", Quote(rng, "Env")),
        16 => Rel(Access(Attr(CType.String, 0), "first"), "==", Long(0)),
        17 => Rel(Method(Atom("context"), "getTag", Quote(rng, "Env")), "==", Str(0)),
        18 => Method(Atom("principal"), "hasTag", At(Long(0), If)),
        _ => Infix(Bool(0), "||", Infix(Long(0), "*", Bool(0), Mult), Or),
    };
}
