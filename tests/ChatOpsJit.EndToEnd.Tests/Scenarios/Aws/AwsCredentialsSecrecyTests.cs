using System.Net;
using System.Text;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Aws;

/// <summary>
/// Real STS credentials (from the stand-in) reach the requester alone, privately, and nothing else: the secret key and the
/// session token of every token the host minted are searched for in every log line, database byte, audit record, email,
/// console conversation and Slack call.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AwsCredentialsSecrecyTests
{
    [Test]
    public async Task Credentials_pressed_in_the_console_are_shown_only_to_the_requester_and_stored_logged_emailed_or_posted_nowhere()
    {
        await using var cloud = await AwsCloud.StartAsync();
        var logs = new LogCapture();
        var options = new TestHostOptions { Logs = logs };
        cloud.Configure(options);
        await using var host = await TestHost.StartAsync(options);
        var id = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Flow.Approver, "approve", id);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1, "the grant DM");

        var (refused, refusal) = await host.ActionAsync(Flow.Approver, "credentials", id);
        var (first, firstBody) = await host.ActionAsync(Flow.Requester, "credentials", id);
        var (second, secondBody) = await host.ActionAsync(Flow.Requester, "credentials", id);
        await cloud.Aws.WaitForEmailAsync(e => e.Subject.Contains("Active", StringComparison.Ordinal), "the grant email");
        await Flow.WaitUntilQuietAsync(host);

        var issued = cloud.Aws.Issued.Where(i => i.RoleArn == AwsCloud.TokenRole(AwsCloud.Production)).ToList();
        var places = new Dictionary<string, string>
        {
            ["the logs"] = logs.All,
            ["the database files"] = Flow.DatabaseBytes(options.DatabaseFile),
            ["the audit trail"] = await AuditAsync(host),
            ["the console transcript"] = await host.Http.GetStringAsync("/console/api/transcript"),
            ["the emails"] = string.Join("\n", cloud.Aws.Emails.Select(e => $"{e.Subject}\n{e.Text}\n{e.Html}\n{e.RawMime}")),
            ["the AWS calls other than AssumeRole's answers"] = string.Join("\n", cloud.Aws.Calls.Select(c => c.Body)),
        };
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refusal.Error, Is.EqualTo($"Sorry: only {Flow.Requester}, who asked, can get credentials for request {id}."));
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), firstBody.Error);
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), secondBody.Error);
            Assert.That(firstBody.Reply!.Sensitive, Is.True);
            // The grant's proof token plus one per press: each press mints fresh credentials.
            Assert.That(issued, Has.Count.EqualTo(3));
            Assert.That(firstBody.Reply.Code, Does.Contain(issued[1].SecretAccessKey).And.Contain(issued[1].SessionToken));
            Assert.That(secondBody.Reply!.Code, Does.Contain(issued[2].SecretAccessKey));
            foreach (var token in issued)
            {
                foreach (var (place, text) in places)
                {
                    // Both forms: as typed, and as JSON writes them ('+' and '/' of base64 may be escaped).
                    foreach (var form in new[] { token.SecretAccessKey, Escaped(token.SecretAccessKey) })
                    {
                        Assert.That(text, Does.Not.Contain(form), $"a secret key in {place}");
                    }

                    foreach (var form in new[] { token.SessionToken, Escaped(token.SessionToken) })
                    {
                        Assert.That(text, Does.Not.Contain(form), $"a session token in {place}");
                    }
                }
            }

            Assert.That(places["the logs"], Does.Contain(id), "the search read real log lines");
            Assert.That(places["the database files"], Does.Contain(id), "the search read real database pages");
            Assert.That(places["the emails"], Does.Contain("web-1"), "the search read real emails");
            Assert.That(places["the audit trail"], Does.Contain(issued[1].AccessKeyId), "the key id alone is audited, for CloudTrail correlation");
        });
    }

    [Test]
    public async Task Credentials_pressed_in_Slack_go_to_the_requester_ephemerally_and_into_no_other_Slack_call()
    {
        await using var cloud = await AwsCloud.StartAsync();
        var logs = new LogCapture();
        await using var world = await SlackWorld.StartAsync(o =>
        {
            o.Logs = logs;
            cloud.Configure(o);
        });
        var (_, ack) = await world.CommandAsync(Flow.Requester, "web-1 disk full");
        var id = Flow.RequestIdIn(SlackWorld.Text(ack));
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text?.Contains(id, StringComparison.Ordinal) == true, "the approval card");
        await world.ClickAsync(Flow.Approver, card, "approve");
        var dm = await world.WaitForDirectAsync(Flow.Requester, m => SlackWorld.Buttons(m.Blocks).Any(b => b.ActionId.StartsWith("credentials", StringComparison.Ordinal)), "the grant DM with Get credentials");

        var posts = world.Slack.ResponseUrlPosts.Count;
        await world.ClickAsync(Flow.Requester, dm, "credentials");
        await Flow.WaitUntilQuietAsync(world.Host);
        var answer = await world.Slack.WaitForResponseAsync(p => world.Slack.ResponseUrlPosts.Skip(posts).Contains(p), "the answer to the credentials press");

        var minted = cloud.Aws.Issued.Last(i => i.RoleArn == AwsCloud.TokenRole(AwsCloud.Production));
        var otherSlackTraffic = string.Join("\n", world.Slack.Calls.Select(c => c.Arguments.ToJsonString()))
            + string.Join("\n", world.Slack.ResponseUrlPosts.Where(p => p != answer).Select(p => p.Body.ToJsonString()));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Body["response_type"]?.GetValue<string>(), Is.EqualTo("ephemeral"));
            Assert.That(answer.Body.ToJsonString(), Does.Contain(minted.AccessKeyId).And.Contain(Escaped(minted.SecretAccessKey)));
            Assert.That(otherSlackTraffic, Does.Contain(id), "the search read real Slack calls");
            // Both forms of both secrets: as typed, and as JSON writes them.
            foreach (var secret in new[] { minted.SecretAccessKey, minted.SessionToken, Escaped(minted.SecretAccessKey), Escaped(minted.SessionToken) })
            {
                Assert.That(otherSlackTraffic, Does.Not.Contain(secret), "a secret in another Slack call");
                Assert.That(logs.All, Does.Not.Contain(secret), "a secret in the logs");
            }
        });
    }

    [Test]
    public async Task Credentials_pressed_in_Teams_go_back_in_the_invoke_response_only_never_in_a_posted_message_even_from_an_old_client()
    {
        await using var cloud = await AwsCloud.StartAsync();
        var logs = new LogCapture();
        await using var world = await TeamsWorld.StartAsync(o =>
        {
            o.Logs = logs;
            cloud.Configure(o);
        });
        var id = Flow.RequestIdIn(TeamsWorld.Text((await world.SayAsync(Flow.Requester, "access web-1 disk full")).Card));
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);
        await world.InvokeAsync(Flow.Approver, card, "approve", new System.Text.Json.Nodes.JsonObject { ["requestId"] = id });
        var dm = await world.Teams.WaitForMessageAsync(world.Teams.PersonalConversationId(world.Person(Flow.Requester)),
            m => m.Cards.Count > 0 && TeamsWorld.Verbs(m.Card).Contains("credentials"), "the grant DM with Get credentials");

        var answer = TeamsWorld.CardOf(await world.ClickAsync(Flow.Requester, dm, "credentials"));
        var minted = cloud.Aws.Issued.Last(i => i.RoleArn == AwsCloud.TokenRole(AwsCloud.Production));
        // The same press from a client without Universal Actions arrives as a message; its answer would be a posted message.
        var submit = ChatOpsJit.Testing.Teams.TeamsActivities.SubmitMessage(world.Teams, world.Person(Flow.Requester), dm.ConversationId, dm.Id,
            new System.Text.Json.Nodes.JsonObject { ["verb"] = "credentials", ["requestId"] = id });
        Assert.That((await world.SendAsync(submit)).Status, Is.EqualTo(200));
        var refusal = await world.Teams.WaitForMessageAsync(dm.ConversationId, m => m.ReplyToId == (string?)submit["id"], "the answer to the Submit press");
        await Flow.WaitUntilQuietAsync(world.Host);

        var connectorTraffic = string.Join("\n", world.Teams.Calls.Select(c => c.Body?.ToJsonString()));
        var secrets = cloud.Aws.Issued.Where(i => i.RoleArn == AwsCloud.TokenRole(AwsCloud.Production))
            .SelectMany(i => new[] { i.SecretAccessKey, i.SessionToken, Escaped(i.SecretAccessKey), Escaped(i.SessionToken) }).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(answer.ToJsonString(), Does.Contain(minted.AccessKeyId).And.Contain(Escaped(minted.SecretAccessKey)), "the presser's own view has them");
            Assert.That(TeamsWorld.Text(refusal.Card), Does.Contain("credentials are shown only in the card itself"), "the Submit press is told why");
            Assert.That(connectorTraffic, Does.Contain(id), "the search read real connector calls");
            foreach (var secret in secrets)
            {
                Assert.That(connectorTraffic, Does.Not.Contain(secret), "a secret in a message posted or updated in Teams");
                Assert.That(logs.All, Does.Not.Contain(secret), "a secret in the logs");
                Assert.That(Flow.DatabaseBytes(world.Host.Options.DatabaseFile), Does.Not.Contain(secret), "a secret in the database");
            }
        });
    }

    // JSON may escape '+' and '/' in a base64 secret; compare in the form the payload holds.
    private static string Escaped(string value) => System.Text.Json.JsonSerializer.Serialize(value).Trim('"');

    private static async Task<string> AuditAsync(TestHost host)
    {
        var all = new StringBuilder();
        await foreach (var record in host.Get<IAuditLog>().ReadAsync())
        {
            all.Append(record.Kind).Append(' ').Append(record.Actor).Append(' ').Append(record.Data).Append(' ').Append(record.Request).AppendLine();
        }

        return all.ToString();
    }
}
