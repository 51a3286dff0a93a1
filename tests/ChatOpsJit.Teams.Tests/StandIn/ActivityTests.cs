using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Teams;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>Posting, replacing and deleting the bot's messages, and what the stand-in keeps of them.</summary>
public sealed class ActivityTests : StandInTest
{
    [Test]
    public async Task A_posted_message_gets_an_id_and_is_kept_and_recorded_under_its_decoded_conversation()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var conversation = Teams.PersonalConversationId(user);

        var reply = await PostAsync($"conversations/{Encode(conversation)}/activities", Message("hello", Card("a card")));

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Created));
        var message = Teams.Messages(conversation).Single();
        Assert.That(message.Id, Is.EqualTo(reply.Text("id")));
        Assert.That(message.Text, Is.EqualTo("hello"));
        Assert.That(message.Card["body"]![0]!["text"]!.GetValue<string>(), Is.EqualTo("a card"));
        var call = Teams.Calls.Single();
        Assert.That(call.ConversationId, Is.EqualTo(conversation));
        Assert.That(call.ActivityId, Is.EqualTo(message.Id));
        Assert.That(call.Path, Is.EqualTo($"/teams/v3/conversations/{conversation}/activities"));
        Assert.That(call.ServiceUrl, Is.EqualTo(Teams.ServiceUrl.ToString()));
    }

    [Test]
    public async Task A_PUT_replaces_the_message_and_every_version_and_card_is_kept()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var conversation = Encode(Teams.PersonalConversationId(user));
        var id = (await PostAsync($"conversations/{conversation}/activities", Message("pending", Card("Pending")))).Text("id")!;

        var put = await ConnectorAsync(HttpMethod.Put, $"conversations/{conversation}/activities/{id}", Message("approved", Card("Approved")));

        Assert.That(put.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(put.Text("id"), Is.EqualTo(id));
        var message = Teams.Messages(Teams.PersonalConversationId(user)).Single();
        Assert.That(message.Versions.Select(v => v["text"]!.GetValue<string>()), Is.EqualTo(new[] { "pending", "approved" }));
        Assert.That(message.UpdateCount, Is.EqualTo(1));
        Assert.That(Teams.AllCards.Select(c => c["body"]![0]!["text"]!.GetValue<string>()), Is.EqualTo(new[] { "Pending", "Approved" }));
        var waited = await Teams.WaitForMessageAsync(Teams.PersonalConversationId(user), m => m.Text == "approved", "the approved version", TimeSpan.FromSeconds(1));
        Assert.That(waited.Id, Is.EqualTo(id));
    }

    [Test]
    public async Task A_PUT_of_an_unknown_activity_is_404_ActivityNotFoundInConversation()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");

        var reply = await ConnectorAsync(HttpMethod.Put, $"conversations/{Encode(Teams.PersonalConversationId(user))}/activities/1700000000000", Message("x"));

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(reply.ErrorCode, Is.EqualTo("ActivityNotFoundInConversation"));
        Assert.That(reply.Header("X-Correlating-OperationId"), Is.Not.Empty);
    }

    [TestCase("a:1unknown")]
    [TestCase("19:0000@thread.tacv2")]
    public async Task A_conversation_Teams_does_not_know_is_404_ConversationNotFound(string conversationId)
    {
        var reply = await PostAsync($"conversations/{Encode(conversationId)}/activities", Message("x"));

        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(reply.ErrorCode, Is.EqualTo("ConversationNotFound"));
    }

    [Test]
    public async Task A_body_over_100_KB_counted_as_UTF_16_is_413_MessageSizeTooBig()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var path = $"conversations/{Encode(Teams.PersonalConversationId(user))}/activities";
        var overhead = Message("").ToJsonString().Length;
        var fits = Message(new string('x', (BotFrameworkStandIn.MessageSizeLimitBytes / 2) - overhead));
        var over = Message(new string('x', (BotFrameworkStandIn.MessageSizeLimitBytes / 2) - overhead + 1));

        var fitting = await PostAsync(path, fits);
        var tooBig = await PostAsync(path, over);

        Assert.That(BotFrameworkStandIn.Utf16Bytes(fits), Is.EqualTo(100 * 1024));
        Assert.That(fitting.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((int)tooBig.Status, Is.EqualTo(413));
        Assert.That(tooBig.ErrorCode, Is.EqualTo("MessageSizeTooBig"));
        Assert.That(Teams.Messages(Teams.PersonalConversationId(user)), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_size_is_of_the_text_not_of_how_the_JSON_escapes_it()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var overhead = Message("").ToJsonString().Length;
        var accents = Message(new string('é', (BotFrameworkStandIn.MessageSizeLimitBytes / 2) - overhead));
        using var content = new StringContent(accents.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Teams.ServiceUrl, $"v3/conversations/{Encode(Teams.PersonalConversationId(user))}/activities"))
        {
            Content = content,
        };
        request.Headers.Authorization = new("Bearer", await AccessTokenAsync());

        using var response = await Http.SendAsync(request);

        Assert.That(accents.ToJsonString(), Does.Contain("\\u00E9"), "System.Text.Json escapes é by default: the body is six times longer as sent");
        Assert.That((int)response.StatusCode, Is.EqualTo(201));
    }

    [Test]
    public async Task Writing_to_a_user_who_removed_the_bot_is_403_and_a_deleted_message_is_flagged()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var conversation = Encode(Teams.PersonalConversationId(user));
        var id = (await PostAsync($"conversations/{conversation}/activities", Message("hello"))).Text("id")!;

        var deleted = await ConnectorAsync(HttpMethod.Delete, $"conversations/{conversation}/activities/{id}");
        TeamsActivities.UninstallPersonal(Teams, user);
        var blocked = await PostAsync($"conversations/{conversation}/activities", Message("still there?"));

        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Teams.Messages(Teams.PersonalConversationId(user)).Single().Deleted, Is.True);
        Assert.That(blocked.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Teams.Calls[^1].ErrorCode, Is.EqualTo("MessageWritesBlocked"));
    }

    [Test]
    public async Task A_message_with_nothing_to_show_or_not_JSON_is_400()
    {
        var user = Teams.AddUser("ann@example.com", "Ann Lee");
        var path = $"conversations/{Encode(Teams.PersonalConversationId(user))}/activities";

        var empty = await PostAsync(path, new JsonObject { ["type"] = "message" });
        var untyped = await PostAsync(path, new JsonObject { ["text"] = "hi" });
        var notJson = await PostAsync(path, JsonValue.Create("just a string"));

        Assert.That(new[] { empty.ErrorCode, untyped.ErrorCode, notJson.ErrorCode }, Is.EqualTo(new[] { "BadArgument", "BadArgument", "BadSyntax" }));
    }
}
