using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.SecurityToken;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.AwsAdapterWorld;

namespace ChatOpsJit.Aws.Tests.Grants;

/// <summary>Token grants minted by TokenGrantor through the stand-in's STS, and what the minted keys can do there.</summary>
public sealed class TokenGrantorTests
{
    private const string Web = "i-0aaaaaaaaaaaaaaa1";
    private const string Db = "i-0bbbbbbbbbbbbbbb2";
    private const string Rack = "mi-0ccccccccccccccc3";
    private AwsAdapterWorld world = null!;

    [SetUp]
    public async Task Start()
    {
        world = await AwsAdapterWorld.StartAsync();
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", Web, "web-0001"));
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", Db, "db-0001"));
        world.StandIn.AddNode(new AwsNode(AccountB, "ap-southeast-2", Rack, "rack-0003"));
    }

    [TearDown]
    public async Task Stop() => await world.DisposeAsync();

    private IReadOnlyList<IssuedCredentials> Tokens => world.StandIn.Issued.Where(i => i.RoleArn.EndsWith(":role/ChatOpsJitToken", StringComparison.Ordinal)).ToList();

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    [TestCase(240, 3600)]
    [TestCase(30, 1800)]
    [TestCase(5, 900)]
    public async Task GrantAsync_for_an_EC2_node_assumes_the_accounts_token_role_as_the_requester_for_the_rest_of_the_window_at_most_an_hour(int minutesLeft, int seconds)
    {
        var request = world.Request(Web, TimeSpan.FromMinutes(minutesLeft));

        var result = await world.Tokens().GrantAsync(request);

        var token = Tokens.Single();
        Assert.That(token.RoleArn, Is.EqualTo(TokenRole(AccountA)));
        Assert.That(token.SourceIdentity, Is.EqualTo("jane.doe@example.com"));
        Assert.That(token.RoleSessionName, Is.EqualTo("chatopsjit-ar-1234abcd"));
        Assert.That(token.DurationSeconds, Is.EqualTo(seconds));
        Assert.That(token.Tags, Is.Empty);
        Assert.That(token.TransitiveTagKeys, Is.Empty);
        Assert.That(token.CallerArn, Is.EqualTo(world.StandIn.BotArn), "minted with the bot's own keys");
        Assert.That(world.StandIn.CallsOf("AssumeRole").Single().Region, Is.EqualTo("eu-west-1"), "STS of the node's Region");
        Assert.That(result.ConnectInstructions, Does.Contain($"aws ssm start-session --target {Web} --region eu-west-1"));

        var end = Iso(request.ExpiresAt!.Value);
        var expected = JsonNode.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"StartSessionOnTheApprovedNode","Effect":"Allow","Action":"ssm:StartSession",
               "Resource":["arn:aws:ec2:eu-west-1:111122223333:instance/NODE_ID","arn:aws:ssm:eu-west-1:111122223333:document/SSM-SessionManagerRunShell"],
               "Condition":{"DateLessThan":{"aws:CurrentTime":"END_TIME"}}},
              {"Sid":"EndOrResumeOwnSessions","Effect":"Allow","Action":["ssm:TerminateSession","ssm:ResumeSession"],
               "Resource":"arn:aws:ssm:eu-west-1:111122223333:session/chatopsjit-ar-1234abcd-*",
               "Condition":{"DateLessThan":{"aws:CurrentTime":"END_TIME"}}},
              {"Sid":"OpenOwnSessionsDataChannel","Effect":"Allow","Action":["ssmmessages:OpenDataChannel"],
               "Resource":"arn:aws:ssm:eu-west-1:111122223333:session/chatopsjit-ar-1234abcd-*",
               "Condition":{"DateLessThan":{"aws:CurrentTime":"END_TIME"}}}]}
            """.Replace("NODE_ID", Web, StringComparison.Ordinal).Replace("END_TIME", end, StringComparison.Ordinal));
        var received = JsonNode.Parse(token.Policy!);
        Assert.That(JsonNode.DeepEquals(received, expected), Is.True, token.Policy);
    }

    [Test]
    public async Task A_hybrid_node_with_RunAs_gets_the_managed_instance_arn_in_the_policy_and_the_SSMSessionRunAs_tag()
    {
        var request = world.Request(Rack, TimeSpan.FromHours(1), account: AccountB, region: "ap-southeast-2", runAs: "readonly");

        await world.Tokens().GrantAsync(request);

        var token = Tokens.Single();
        Assert.That(token.RoleArn, Is.EqualTo(TokenRole(AccountB)));
        Assert.That(token.Tags, Is.EqualTo(new[] { new KeyValuePair<string, string>("SSMSessionRunAs", "readonly") }));
        var policy = JsonNode.Parse(token.Policy!)!;
        Assert.That(policy["Statement"]![0]!["Resource"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[]
        {
            $"arn:aws:ssm:ap-southeast-2:{AccountB}:managed-instance/{Rack}",
            $"arn:aws:ssm:ap-southeast-2:{AccountB}:document/SSM-SessionManagerRunShell",
        }));
    }

    [Test]
    public async Task IssueCredentialsAsync_mints_fresh_credentials_on_every_call()
    {
        var request = world.Request(Web, TimeSpan.FromHours(4));
        var tokens = world.Tokens();

        var first = await tokens.IssueCredentialsAsync(request);
        var second = await tokens.IssueCredentialsAsync(request);

        Assert.That(first.KeyId, Is.Not.EqualTo(second.KeyId));
        Assert.That(Tokens.Select(t => t.AccessKeyId), Is.EqualTo(new[] { first.KeyId, second.KeyId }));
    }

    [Test]
    public async Task The_credentials_carry_exactly_the_issued_keys_the_Region_and_the_start_session_command()
    {
        var request = world.Request(Web, TimeSpan.FromHours(4));

        var credentials = await world.Tokens().IssueCredentialsAsync(request);

        var issued = Tokens.Single();
        Assert.That(credentials.KeyId, Is.EqualTo(issued.AccessKeyId));
        Assert.That(credentials.Environment, Is.EqualTo(new[]
        {
            $"export AWS_ACCESS_KEY_ID={issued.AccessKeyId}",
            $"export AWS_SECRET_ACCESS_KEY={issued.SecretAccessKey}",
            $"export AWS_SESSION_TOKEN={issued.SessionToken}",
            "export AWS_REGION=eu-west-1",
        }));
        Assert.That(credentials.ConnectCommand, Is.EqualTo($"aws ssm start-session --target {Web} --region eu-west-1"));
    }

    [TestCase(240, Description = "STS's hour ends first")]
    [TestCase(30, Description = "both end together")]
    [TestCase(5, Description = "STS's shortest token, 15 minutes, outlives the grant's 5")]
    public async Task The_credentials_expire_at_the_earlier_of_the_STS_expiry_and_the_grants_end(int minutesLeft)
    {
        var request = world.Request(Web, TimeSpan.FromMinutes(minutesLeft));

        var credentials = await world.Tokens().IssueCredentialsAsync(request);

        var sts = Tokens.Single().Expiration;
        var end = request.ExpiresAt!.Value;
        Assert.That(credentials.Expires, Is.EqualTo(sts < end ? sts : end));
        Assert.That(credentials.Expires.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task The_credentials_text_never_shows_the_secret_or_the_session_token()
    {
        var credentials = await world.Tokens().IssueCredentialsAsync(world.Request(Web, TimeSpan.FromHours(1)));

        var issued = Tokens.Single();
        Assert.That(credentials.ToString(), Does.Contain(issued.AccessKeyId).And.Not.Contain(issued.SecretAccessKey).And.Not.Contain(issued.SessionToken));
        Assert.That(world.Logs.All, Does.Not.Contain(issued.SecretAccessKey).And.Not.Contain(issued.SessionToken));
    }

    [Test]
    public async Task The_minted_key_starts_a_session_on_the_approved_node()
    {
        var credentials = await world.Tokens().IssueCredentialsAsync(world.Request(Web, TimeSpan.FromMinutes(30)));

        var start = world.StandIn.StartSession(credentials.KeyId, Web);

        Assert.That(start.Started, Is.True, start.Refusal);
        Assert.That(start.Session!.Owner, Is.EqualTo($"arn:aws:sts::{AccountA}:assumed-role/ChatOpsJitToken/chatopsjit-ar-1234abcd"));
    }

    [Test]
    public async Task The_minted_key_of_a_hybrid_node_starts_a_session_there()
    {
        var credentials = await world.Tokens().IssueCredentialsAsync(
            world.Request(Rack, TimeSpan.FromMinutes(30), account: AccountB, region: "ap-southeast-2", runAs: "readonly"));

        var start = world.StandIn.StartSession(credentials.KeyId, Rack);

        Assert.That(start.Started, Is.True, start.Refusal);
    }

    [Test]
    public async Task The_minted_key_does_not_start_a_session_on_another_node()
    {
        var credentials = await world.Tokens().IssueCredentialsAsync(world.Request(Web, TimeSpan.FromMinutes(30)));

        var start = world.StandIn.StartSession(credentials.KeyId, Db);

        Assert.That(start.Started, Is.False);
        Assert.That(start.Refusal, Does.StartWith("AccessDeniedException:").And.Contain($"instance/{Db}"));
    }

    [Test]
    public async Task The_minted_key_does_not_start_a_session_after_the_grants_end_though_STS_would_still_honour_it()
    {
        // Five minutes left: STS mints its shortest token, 15 minutes, which outlives the grant.
        var request = world.Request(Web, TimeSpan.FromMinutes(5));
        var credentials = await world.Tokens().IssueCredentialsAsync(request);
        Assert.That(world.StandIn.StartSession(credentials.KeyId, Web).Started, Is.True, "before the end");

        world.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var start = world.StandIn.StartSession(credentials.KeyId, Web);

        Assert.That(Tokens.Single().Expiration, Is.GreaterThan(world.Time.GetUtcNow()), "the keys themselves are still valid");
        Assert.That(start.Started, Is.False);
        Assert.That(start.Refusal, Does.StartWith("AccessDeniedException:"));
    }

    [Test]
    public void No_token_is_minted_once_the_window_closed()
    {
        var request = world.Request(Web, TimeSpan.FromMinutes(5));
        world.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.ThrowsAsync<InvalidOperationException>(() => world.Tokens().IssueCredentialsAsync(request));
        Assert.That(world.StandIn.Calls, Is.Empty);
    }

    [Test]
    public async Task Two_throttled_AssumeRole_answers_are_retried_and_the_grant_succeeds()
    {
        world.StandIn.FailNext("AssumeRole", 2, AwsFault.Throttling);

        await world.Tokens().GrantAsync(world.Request(Web, TimeSpan.FromHours(1)));

        Assert.That(world.StandIn.Calls.Where(c => c.Operation == "AssumeRole").Select(c => c.ErrorCode), Is.EqualTo(new[] { "Throttling", "Throttling", null }));
        Assert.That(Tokens, Has.Count.EqualTo(1));
    }

    [Test]
    public void AccessDenied_on_AssumeRole_makes_GrantAsync_throw_after_one_call()
    {
        world.StandIn.FailAlways("AssumeRole", AwsFault.AccessDenied);

        var error = Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => world.Tokens().GrantAsync(world.Request(Web, TimeSpan.FromHours(1))));

        Assert.That(error!.ErrorCode, Is.EqualTo("AccessDenied"));
        Assert.That(world.StandIn.Calls.Where(c => c.Operation == "AssumeRole").ToList(), Has.Count.EqualTo(1));
    }
}
