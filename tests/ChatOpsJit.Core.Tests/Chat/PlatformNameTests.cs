using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Core.Tests.Chat;

public sealed class PlatformNameTests
{
    [TestCase("Slack")]
    [TestCase(" slack ")]
    [TestCase("SLACK")]
    public void A_platform_name_is_the_same_whatever_its_case(string written)
    {
        Assert.That(new PlatformName(written), Is.EqualTo(PlatformName.Slack));
        Assert.That(new PlatformName(written).Value, Is.EqualTo("slack"));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void A_blank_platform_name_is_refused(string written)
    {
        Assert.Throws<ArgumentException>(() => _ = new PlatformName(written));
    }

    [Test]
    public void Platform_names_round_trip_as_strings_and_as_dictionary_keys()
    {
        var channels = new Dictionary<PlatformName, string> { [PlatformName.Console] = "approvals", [PlatformName.Teams] = "Prod" };

        var json = CoreJson.Serialize(channels);

        Assert.That(json, Is.EqualTo("""{"console":"approvals","teams":"Prod"}"""));
        Assert.That(CoreJson.Deserialize<Dictionary<PlatformName, string>>("""{"Console":"approvals"}""")[PlatformName.Console], Is.EqualTo("approvals"));
    }

    [TestCase("approve", CardVerb.Approve)]
    [TestCase("REJECT", CardVerb.Reject)]
    [TestCase(" credentials ", CardVerb.Credentials)]
    public void A_card_verb_parses_from_its_wire_name(string text, CardVerb verb)
    {
        Assert.That(CardVerbs.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(verb));
    }

    [TestCase("deny")]
    [TestCase("0")]
    [TestCase("")]
    [TestCase(null)]
    public void Anything_else_is_not_a_card_verb(string? text)
    {
        Assert.That(CardVerbs.TryParse(text, out _), Is.False);
    }

    [Test]
    public void A_card_verb_is_written_in_lowercase_even_beside_the_general_enum_converter()
    {
        var action = new CardAction(CardVerb.Credentials, "Get credentials", "ar-1", CardAudience.Requester);

        Assert.That(CoreJson.Serialize(action), Does.Contain("\"verb\":\"credentials\"").And.Contain("\"audience\":\"Requester\""));
    }
}
