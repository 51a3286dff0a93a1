using System.Text.Json.Nodes;
using ChatOpsJit.Testing.AdaptiveCards;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Teams;

/// <summary>
/// Every Adaptive Card the Teams flows produce (posted, updated, or answered to an invoke) passes Microsoft's own parser
/// (npm <c>adaptivecards</c>) with no parse or validation event, is version 1.5 at most and is under 100 KB. It drives every
/// surface itself, so it checks them run alone too; run with the whole suite, it also checks every card the Teams tests
/// before it produced.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TeamsCardCheckTests
{
    [Test]
    public async Task Every_card_of_the_teams_surfaces_and_of_the_teams_tests_run_before_it_passes_microsofts_parser()
    {
        await using (var world = await TeamsWorld.StartAsync())
        {
            await DriveEverySurfaceAsync(world);
        }

        var all = TeamsWorld.AllCards.ToList();
        Assert.That(all, Has.Count.GreaterThan(20), "the flows produced cards to check");

        await AdaptiveCardParser.AssertAllValidAsync(all);
        TestContext.Out.WriteLine($"parsed {all.Count} Teams cards with Microsoft's adaptivecards library");
    }

    // Two levels on the restricted-data card, a rejection through its prompt, a grant with credentials-less DMs, help,
    // list, policies and a mistake, a refusal, and a reason full of markup.
    private static async Task DriveEverySurfaceAsync(TeamsWorld world)
    {
        var first = Flow.RequestIdIn(TeamsWorld.Text((await world.SayAsync("dev@example.com",
            "access payments-db-1 " + new string('x', 150) + " [x](https://e.example) <at>Sam Security</at> *bold* `code`")).Card));
        var card = await world.WaitForCardAsync(TeamsWorld.SecurityChannel, first);
        await world.InvokeAsync("lead@example.com", card, "approve", new JsonObject { ["requestId"] = first });
        card = await world.Teams.WaitForMessageAsync(card.ConversationId, m => m.Id == card.Id && m.UpdateCount > 0, "level 2");
        await world.InvokeAsync("sec@example.com", card, "refresh", new JsonObject { ["requestId"] = first }, "automatic");
        var prompt = TeamsWorld.CardOf(await world.InvokeAsync("sec@example.com", card, "reject", new JsonObject { ["requestId"] = first }));
        var (_, confirm) = TeamsWorld.Button(prompt, "reject");
        confirm["text"] = "not today";
        await world.InvokeAsync("sec@example.com", card, "reject", confirm);

        var second = Flow.RequestIdIn(TeamsWorld.Text((await world.SayAsync("dev@example.com", "access web-1 disk full for 30m")).Card));
        var web = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, second);
        await world.InvokeAsync("pay@example.com", web, "approve", new JsonObject { ["requestId"] = second });
        await world.InvokeAsync("ops@example.com", web, "approve", new JsonObject { ["requestId"] = second });
        var granted = await world.WaitForDirectAsync("dev@example.com", t => t.Contains("Access to web-1: Active"), "the grant DM");
        await world.InvokeAsync("dev@example.com", granted, "extend", new JsonObject { ["requestId"] = second });

        foreach (var text in new[] { "access help", "access list", "access policies web-1", "access status ar-00000000", "bogus words", "web-1" })
        {
            await world.SayAsync("dev@example.com", text);
        }

        await Flow.WaitUntilQuietAsync(world.Host);
    }
}
