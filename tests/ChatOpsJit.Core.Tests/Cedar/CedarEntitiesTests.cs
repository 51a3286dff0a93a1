using System.Text.Json;
using ChatOpsJit.Core.Policies.Cedar;
using static ChatOpsJit.Core.Tests.Cedar.CedarTestSupport;

namespace ChatOpsJit.Core.Tests.Cedar;

public class CedarEntitiesTests
{
    [Test]
    public void Ancestor_closure_is_transitive()
    {
        Assert.That(Entities.IsDescendantOrSelf(Alice, new EntityUid("Group", "staff")), Is.True);
        Assert.That(Entities.IsDescendantOrSelf(new EntityUid("Group", "staff"), Alice), Is.False);
        Assert.That(Entities.IsDescendantOrSelf(new EntityUid("X", "missing"), new EntityUid("X", "missing")), Is.True);
    }

    [Test]
    public void Reads_attribute_values_in_cedar_json_format()
    {
        Assert.That(Entities.TryGetEntity(Alice, out var alice), Is.True);
        Assert.That(alice!.Attributes["age"], Is.EqualTo(CedarValue.Of(30)));
        Assert.That(alice.Attributes["manager"], Is.EqualTo(CedarValue.Of(Bob)));
        Assert.That(alice.Attributes["tags"], Is.EqualTo(CedarValue.Set(CedarValue.Of("b"), CedarValue.Of("a"))));
        Assert.That(alice.Attributes["address"].AsRecord.Keys, Is.EqualTo(new[] { "city" }));
        Assert.That(alice.Tags["team"], Is.EqualTo(CedarValue.Of("blue")));
    }

    [TestCase("""[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": {"__extn": {"fn": "ip", "arg": "1.1.1.1"}}}, "parents": []}]""", "in attribute `x` on `U::\"a\"`, extension values are not supported")]
    [TestCase("""[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": null}, "parents": []}]""", "in attribute `x` on `U::\"a\"`, found a `null`; json `null`s are not allowed in cedar")]
    [TestCase("""[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": 1.5}, "parents": []}]""", "in attribute `x` on `U::\"a\"`, `1.5` is not a 64-bit integer")]
    [TestCase("""[{"uid": {"type": "U", "id": "a"}, "parents": []}]""", "entity `U::\"a\"` is missing field `attrs`")]
    [TestCase("""[{"uid": {"type": "U", "id": "a"}, "attrs": {}}]""", "entity `U::\"a\"` is missing field `parents`")]
    [TestCase("""[{"uid": {"type": "U", "id": "a"}, "attrs": {}, "parents": []}, {"uid": {"type": "U", "id": "a"}, "attrs": {}, "parents": []}]""", "duplicate entity entry `U::\"a\"`")]
    [TestCase("""[{"uid": {"type": "U", "id": "a"}, "attrs": {}, "parents": [{"type": "U", "id": "b"}]}, {"uid": {"type": "U", "id": "b"}, "attrs": {}, "parents": [{"type": "U", "id": "a"}]}]""", "input graph has a cycle containing vertex `U::\"a\"`")]
    [TestCase("""[{"uid": {"type": "a b", "id": "a"}, "attrs": {}, "parents": []}]""", "in entity uid, `a b` is not a valid entity type name")]
    [TestCase("""{}""", "entities must be a json array")]
    public void Rejects_bad_entity_json_with_a_clear_message(string json, string message)
    {
        var ex = Assert.Throws<CedarFormatException>(() => CedarEntities.FromJson(json));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }

    [Test]
    public void Builds_from_csharp_entities()
    {
        var store = CedarEntities.Build([
            new CedarEntity(Alice, new Dictionary<string, CedarValue> { ["age"] = CedarValue.Of(3) }, [new EntityUid("G", "g")]),
        ]);
        var r = new CedarAuthorizer(CedarPolicySet.Parse("permit(principal in G::\"g\", action, resource) when { principal.age == 3 };"))
            .IsAuthorized(new CedarRequest(Alice, View, Doc1), store);
        Assert.That(r.Decision, Is.EqualTo(CedarDecision.Allow));
    }

    [Test]
    public void Value_from_json_reads_entity_escapes_and_records()
    {
        var v = CedarValue.FromJson(JsonDocument.Parse("""{"e": {"__entity": {"type": "User", "id": "alice"}}, "s": [1, 1, "x"]}""").RootElement);
        Assert.That(v.AsRecord.TryGetValue("e", out var e) && e == CedarValue.Of(Alice), Is.True);
        Assert.That(v.AsRecord.TryGetValue("s", out var s) ? s.AsSet.Count : -1, Is.EqualTo(2));
    }

    [Test]
    public void Request_rejects_a_non_record_context()
    {
        Assert.Throws<ArgumentException>(() => new CedarRequest(Alice, View, Doc1, CedarValue.Of(1)));
    }
}
