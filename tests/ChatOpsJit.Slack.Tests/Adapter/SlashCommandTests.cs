using ChatOpsJit.Slack.Inbound;
using ChatOpsJit.Testing.Slack;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsJit.Slack.Tests.Adapter;

/// <summary>Reading a slash command: Slack's three entities decoded once, nothing else touched, and no user means no command.</summary>
public sealed class SlashCommandTests
{
    private static SlashCommand? Read(string text) =>
        SlashCommand.FromForm(QueryHelpers.ParseQuery(SlackRequestSigner.FormBody(SlackPayloads.SlashCommand("U0000001", text, "https://hooks.slack.com/commands/T/1/x", "1.2.3"))));

    [TestCase("web-1 a &amp; b", "web-1 a & b")]
    [TestCase("web-1 &lt;!channel&gt;", "web-1 <!channel>")]
    [TestCase("web-1 &amp;lt;", "web-1 &lt;")]
    [TestCase("web-1 &copy; &quot;x&quot;", "web-1 &copy; &quot;x&quot;")]
    public void Slacks_entities_are_decoded_once_and_no_others(string sent, string typed) =>
        Assert.That(Read(sent)!.Text, Is.EqualTo(typed));

    [TestCase("https://hooks.slack.com/commands/T/1/x", true)]
    [TestCase("http://127.0.0.1:5000/respond/1", true)]
    [TestCase("http://hooks.slack.com/commands/T/1/x", false)]
    [TestCase("javascript:alert(1)", false)]
    public void A_response_url_is_kept_only_when_replies_to_it_travel_encrypted_or_stay_on_this_machine(string url, bool kept) =>
        Assert.That(SlackUrls.Response(url), kept ? Is.EqualTo(new Uri(url)) : Is.Null);

    [Test]
    public void The_form_and_the_socket_mode_json_read_the_same()
    {
        var fields = SlackPayloads.SlashCommand("U0000001", "list", "https://hooks.slack.com/commands/T/1/x", "1.2.3", "C0CMD");

        var fromForm = SlashCommand.FromForm(QueryHelpers.ParseQuery(SlackRequestSigner.FormBody(fields)));
        var fromJson = SlashCommand.FromJson(SlackPayloads.AsJson(fields));

        Assert.That(fromJson, Is.EqualTo(fromForm));
        Assert.That(fromForm, Is.EqualTo(new SlashCommand("U0000001", "list", "C0CMD", new Uri("https://hooks.slack.com/commands/T/1/x"), "1.2.3")));
    }

    [Test]
    public void A_command_without_a_user_is_not_read_and_a_response_url_that_is_no_web_address_is_dropped()
    {
        Assert.That(SlashCommand.FromForm(QueryHelpers.ParseQuery("text=list&command=%2Faccess")), Is.Null);
        Assert.That(SlashCommand.FromForm(QueryHelpers.ParseQuery("user_id=U1&text=list&response_url=javascript%3Aalert(1)"))!.ResponseUrl, Is.Null);
    }
}
