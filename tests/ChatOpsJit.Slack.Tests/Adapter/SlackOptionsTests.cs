using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Slack.Tests.Adapter;

/// <summary>Slack's settings: both secrets or neither, tokens by their shape, and no secret ever echoed in an error.</summary>
public sealed class SlackOptionsTests
{
    private static List<string> Problems(SlackOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Test]
    public void Nothing_set_is_valid_and_leaves_slack_off()
    {
        var options = new SlackOptions();

        Assert.That(Problems(options), Is.Empty);
        Assert.That(options.Enabled, Is.False);
    }

    [Test]
    public void A_signing_secret_without_a_bot_token_names_the_missing_key() =>
        Assert.That(Problems(new SlackOptions { SigningSecret = "s3cr3t-value" }), Is.EqualTo(new[]
        {
            "Slack:BotToken is missing: Slack needs both Slack:SigningSecret and Slack:BotToken (the xoxb- token).",
        }));

    [Test]
    public void A_bot_token_without_a_signing_secret_names_the_missing_key() =>
        Assert.That(Problems(new SlackOptions { BotToken = "xoxb-1-2-abc" }), Is.EqualTo(new[]
        {
            "Slack:SigningSecret is missing: Slack needs both Slack:SigningSecret and Slack:BotToken.",
        }));

    [Test]
    public void Tokens_of_the_wrong_kind_are_described_by_their_shape_and_never_echoed()
    {
        var problems = Problems(new SlackOptions { SigningSecret = "s3cr3t-value", BotToken = "xoxp-user-token-9999", AppToken = "xoxb-not-an-app-token-8888" });

        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems, Has.Some.StartsWith("Slack:BotToken does not look like a bot token"));
        Assert.That(problems, Has.Some.StartsWith("Slack:AppToken does not look like an app-level token"));
        Assert.That(string.Join("\n", problems), Does.Not.Contain("9999").And.Not.Contain("8888").And.Not.Contain("s3cr3t"));
    }

    [Test]
    public void An_app_token_alone_says_socket_mode_needs_the_other_two()
    {
        var problems = Problems(new SlackOptions { AppToken = "xapp-1-A-1-abc" });

        Assert.That(problems, Is.EqualTo(new[] { "Slack:AppToken switches on Socket Mode, which also needs Slack:SigningSecret and Slack:BotToken." }));
    }

    [TestCase("http://slack.example.com/api/", false)]
    [TestCase("https://slack.com/api/", true)]
    [TestCase("http://127.0.0.1:5000/api/", true)]
    [TestCase("http://localhost:5000/api/", true)]
    [TestCase("ftp://slack.com/api/", false)]
    public void The_api_address_is_https_except_on_loopback_because_the_bot_token_travels_there(string url, bool valid)
    {
        var problems = Problems(new SlackOptions { SigningSecret = "s", BotToken = "xoxb-1", ApiBaseUrl = new Uri(url) });

        Assert.That(problems, valid ? Is.Empty : Has.One.StartsWith("Slack:ApiBaseUrl must be an https:// address"));
    }

    [Test]
    public void Both_secrets_and_an_app_token_switch_on_slack_and_socket_mode()
    {
        var options = new SlackOptions { SigningSecret = "s", BotToken = "xoxb-1", AppToken = "xapp-1" };

        Assert.That(Problems(options), Is.Empty);
        Assert.That((options.Enabled, options.SocketMode), Is.EqualTo((true, true)));
    }
}
