using System.Net;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>Slack's configuration is checked before anything starts, naming the missing key and never echoing a secret.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackStartupTests
{
    [TestCase("Slack:SigningSecret", "Slack:BotToken is missing")]
    [TestCase("Slack:BotToken", "Slack:SigningSecret is missing")]
    public void One_slack_secret_without_the_other_stops_start_up_naming_the_missing_key(string given, string expected)
    {
        var secret = given == "Slack:BotToken" ? "xoxb-111-222-topsecretvalue" : "topsecretvalue";

        var e = Assert.ThrowsAsync<ChatOpsJit.Host.Configuration.StartupConfigurationException>(() => TestHost.StartAsync(o => o.Settings[given] = secret));

        Assert.That(e!.Problems, Has.One.StartsWith(expected));
        Assert.That(e.Message, Does.Not.Contain("topsecretvalue"));
    }

    [Test]
    public async Task Without_slack_settings_the_slack_endpoints_do_not_exist_and_the_console_still_works()
    {
        await using var host = await TestHost.StartAsync();

        using var response = await host.Http.PostAsync("/slack/commands", new StringContent("user_id=U1&text=list"));
        var (console, _) = await host.CommandAsync(Flow.Requester, "access list");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(console.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
