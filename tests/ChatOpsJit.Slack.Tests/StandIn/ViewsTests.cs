using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class ViewsTests : StandInTest
{
    private FakeTimeProvider _time = null!;

    /// <summary>A fake clock per test (NUnit shares one fixture instance between its tests).</summary>
    protected override SlackStandInOptions Options()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        return new SlackStandInOptions { Time = _time };
    }

    private static JsonObject Modal(string callbackId = "request") => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["private_metadata"] = "req-42",
        ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Request access" },
        ["submit"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Request" },
        ["blocks"] = SectionBlocks("Which node?"),
    };

    [Test]
    public async Task A_fresh_trigger_id_opens_a_modal_that_Slack_gives_an_id()
    {
        var reply = await CallAsync("views.open", new JsonObject { ["trigger_id"] = Slack.NewTriggerId(), ["view"] = Modal() });

        Assert.That(reply.Ok, Is.True, reply.Body.ToJsonString());
        var view = reply.Body["view"]!;
        Assert.That(view["id"]?.GetValue<string>(), Does.Match("^V[0-9]{10}$"));
        Assert.That(view["callback_id"]?.GetValue<string>(), Is.EqualTo("request"));
        Assert.That(view["private_metadata"]?.GetValue<string>(), Is.EqualTo("req-42"));
        Assert.That(view["hash"]?.GetValue<string>(), Is.Not.Empty);
        Assert.That(Slack.OpenedViews.Single()["id"]?.GetValue<string>(), Is.EqualTo(view["id"]?.GetValue<string>()));
        Assert.That(Slack.Payloads.Single().Kind, Is.EqualTo("modal"));
    }

    [Test]
    public async Task A_trigger_id_opens_one_modal_only()
    {
        var trigger = Slack.NewTriggerId();
        await CallAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = Modal() });

        var again = await CallAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = Modal() });

        Assert.That(again.Error, Is.EqualTo("exchanged_trigger_id"));
        Assert.That(Slack.OpenedViews, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_trigger_id_older_than_3_seconds_is_expired()
    {
        var trigger = Slack.NewTriggerId();
        _time.Advance(TimeSpan.FromSeconds(3.1));

        var reply = await CallAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = Modal() });

        Assert.That(reply.Error, Is.EqualTo("expired_trigger_id"));
    }

    [Test]
    public async Task A_trigger_id_just_under_3_seconds_old_still_works()
    {
        var trigger = Slack.NewTriggerId();
        _time.Advance(TimeSpan.FromSeconds(2.9));

        var reply = await CallAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = Modal() });

        Assert.That(reply.Ok, Is.True);
    }

    [Test]
    public async Task A_trigger_id_Slack_never_issued_is_invalid()
    {
        var reply = await CallAsync("views.open", new JsonObject { ["trigger_id"] = "12345.98765.abcd", ["view"] = Modal() });

        Assert.That(reply.Error, Is.EqualTo("invalid_trigger_id"));
    }

    [Test]
    public async Task A_modal_without_a_title_is_invalid_arguments_and_keeps_the_trigger_id_unused()
    {
        var trigger = Slack.NewTriggerId();
        var untitled = Modal();
        untitled.Remove("title");

        var refused = await CallAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = untitled });
        var opened = await CallAsync("views.open", new JsonObject { ["trigger_id"] = trigger, ["view"] = Modal() });

        Assert.That(refused.Error, Is.EqualTo("invalid_arguments"));
        Assert.That(refused.Body["response_metadata"]?["messages"]?[0]?.GetValue<string>(), Does.Contain("title"));
        Assert.That(opened.Ok, Is.True);
    }

    [Test]
    public async Task Views_open_takes_a_view_sent_as_a_JSON_string_in_a_form()
    {
        var reply = await Api.FormAsync("views.open", [new("trigger_id", Slack.NewTriggerId()), new("view", Modal().ToJsonString())], BotToken);

        Assert.That(reply.Ok, Is.True, reply.Body.ToJsonString());
    }

    [Test]
    public async Task Views_publish_stores_the_users_Home_tab_and_keeps_its_id()
    {
        var ann = Slack.AddUser("ann@example.com", "ann");
        var home = new JsonObject { ["type"] = "home", ["blocks"] = SectionBlocks("Your requests") };

        var first = await CallAsync("views.publish", new JsonObject { ["user_id"] = ann.Id, ["view"] = home.DeepClone() });
        home["blocks"] = SectionBlocks("Nothing pending");
        var second = await CallAsync("views.publish", new JsonObject { ["user_id"] = ann.Id, ["view"] = home.DeepClone() });

        Assert.That(first.Ok, Is.True, first.Body.ToJsonString());
        Assert.That(second.Body["view"]?["id"]?.GetValue<string>(), Is.EqualTo(first.Body["view"]?["id"]?.GetValue<string>()));
        Assert.That(Slack.HomeView(ann.Id)?["blocks"]?.ToJsonString(), Is.EqualTo(SectionBlocks("Nothing pending").ToJsonString()));
        Assert.That(Slack.Payloads.Select(p => p.Kind), Is.EqualTo(new[] { "home", "home" }));
    }

    [Test]
    public async Task Views_publish_for_an_unknown_user_is_user_not_found()
    {
        var reply = await CallAsync("views.publish", new JsonObject { ["user_id"] = "U9999999", ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() } });

        Assert.That(reply.Error, Is.EqualTo("user_not_found"));
        Assert.That(Slack.HomeView("U9999999"), Is.Null);
    }

    [Test]
    public async Task Views_publish_takes_a_home_view_only()
    {
        var ann = Slack.AddUser("ann@example.com", "ann");

        var reply = await CallAsync("views.publish", new JsonObject { ["user_id"] = ann.Id, ["view"] = Modal() });

        Assert.That(reply.Error, Is.EqualTo("invalid_arguments"));
    }
}
