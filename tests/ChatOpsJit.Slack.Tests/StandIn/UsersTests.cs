using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class UsersTests : StandInTest
{
    [Test]
    public async Task Users_info_describes_a_user_as_Slack_does()
    {
        var ann = Slack.AddUser("ann@example.com", "ann", "Ann Lee");

        var reply = await CallAsync("users.info", new JsonObject { ["user"] = ann.Id });

        Assert.That(reply.Ok, Is.True);
        var user = reply.Body["user"]!;
        Assert.That(ann.Id, Is.EqualTo("U0000001"));
        Assert.That(user["id"]?.GetValue<string>(), Is.EqualTo(ann.Id));
        Assert.That(user["name"]?.GetValue<string>(), Is.EqualTo("ann"));
        Assert.That(user["real_name"]?.GetValue<string>(), Is.EqualTo("Ann Lee"));
        Assert.That(user["deleted"]?.GetValue<bool>(), Is.False);
        Assert.That(user["is_bot"]?.GetValue<bool>(), Is.False);
        Assert.That(user["profile"]?["email"]?.GetValue<string>(), Is.EqualTo("ann@example.com"));
        Assert.That(user["profile"]?["display_name"]?.GetValue<string>(), Is.EqualTo("ann"));
    }

    [Test]
    public async Task Users_info_of_an_unknown_id_is_user_not_found()
    {
        var reply = await CallAsync("users.info", new JsonObject { ["user"] = "U9999999" });

        Assert.That(reply.Error, Is.EqualTo("user_not_found"));
    }

    [Test]
    public async Task Users_info_takes_an_id_not_an_email()
    {
        Slack.AddUser("ann@example.com", "ann");

        var reply = await CallAsync("users.info", new JsonObject { ["user"] = "ann@example.com" });

        Assert.That(reply.Error, Is.EqualTo("user_not_found"));
    }

    [Test]
    public async Task Lookup_by_email_finds_the_user_in_any_case()
    {
        var ann = Slack.AddUser("ann@example.com", "ann");

        var reply = await CallAsync("users.lookupByEmail", new JsonObject { ["email"] = "Ann@Example.com" });

        Assert.That(reply.Ok, Is.True);
        Assert.That(reply.Body["user"]?["id"]?.GetValue<string>(), Is.EqualTo(ann.Id));
    }

    [Test]
    public async Task Lookup_of_an_unknown_email_is_users_not_found()
    {
        var reply = await CallAsync("users.lookupByEmail", new JsonObject { ["email"] = "nobody@example.com" });

        Assert.That(reply.Error, Is.EqualTo("users_not_found"));
    }

    [Test]
    public void A_second_user_with_the_same_email_is_refused()
    {
        Slack.AddUser("ann@example.com", "ann");

        Assert.Throws<ArgumentException>(() => Slack.AddUser("ANN@example.com", "ann2"));
    }
}
