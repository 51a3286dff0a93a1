using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>User text never pings or links anyone: whatever a reason holds, every message shows it escaped.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackEscapingTests
{
    // What the requester typed; Slack sends it with &, < and > entity-encoded (chat-protocols.md section 1).
    private const string Typed = "<!channel> <!here> ask <@U0BADGUY> see <https://evil.example/x|the runbook> in <#C0PLATFORM1> & <!subteam^S0ADMINS>";
    private static readonly string[] Tokens = ["<!channel>", "<!here>", "<@U0BADGUY>", "<https://evil", "<#C0PLATFORM1>", "<!subteam"];

    [Test]
    public async Task A_reason_full_of_mentions_and_links_pings_and_links_nobody_in_any_message()
    {
        await using var world = await SlackWorld.StartAsync();
        var encoded = Typed.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        var (_, body) = await world.CommandAsync("dev@example.com", "web-1 " + encoded);
        var id = Flow.RequestIdIn((string?)body!["text"]);
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
        await world.ClickAsync("lead@example.com", card, "approve");
        await world.WaitForDirectAsync("dev@example.com", m => m.Text!.Contains("Active"), "the grant DM");
        var (_, status) = await world.CommandAsync("dev@example.com", $"status {id}");
        await Flow.WaitUntilQuietAsync(world.Host);

        Assert.That((await world.Host.Get<IAccessRequestStore>().FindAsync(id))!.Reason, Is.EqualTo(Typed), "stored as typed, entities decoded once");
        var everything = world.Slack.Calls.Select(c => c.Arguments as JsonNode)
            .Concat(world.Slack.ResponseUrlPosts.Select(p => p.Body)).Append(body).Append(status).ToList();
        var strings = everything.SelectMany(Strings).ToList();
        Assert.That(strings, Is.Not.Empty);
        foreach (var token in Tokens)
        {
            Assert.That(strings.Where(s => s.Contains(token, StringComparison.Ordinal)), Is.Empty, $"{token} reached Slack unescaped");
        }

        Assert.That(strings, Has.Some.Contains("&lt;!channel&gt;"), "the reason was shown, escaped");
        var mentions = strings.SelectMany(s => System.Text.RegularExpressions.Regex.Matches(s, "<@([A-Z0-9]+)>").Select(m => m.Groups[1].Value)).Distinct();
        Assert.That(mentions, Is.SubsetOf(new[] { world.UserId("lead@example.com"), world.UserId("ops@example.com") }), "only the approvers are ever mentioned");
        Assert.That(world.Slack.Calls.Where(c => c.Method == "chat.postMessage").Select(c => c.Arg("link_names")), Has.None.EqualTo("true"));
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
