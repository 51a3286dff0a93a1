using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Testing.Aws;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsJit.Aws.Tests.StandIn.StandInClients;

namespace ChatOpsJit.Aws.Tests.StandIn;

public sealed class SessionTests
{
    private const string Web = "i-0aaaaaaaaaaaaaaa1";
    private const string Db = "i-0bbbbbbbbbbbbbbb2";
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private AwsStandIn standIn = null!;

    [SetUp]
    public async Task Start()
    {
        standIn = await AwsStandIn.StartAsync(new AwsStandInOptions { Time = time });
        standIn.AddRole(RoleA);
        standIn.AddNode(new AwsNode(AccountA, "eu-west-1", Web, "web-0001"));
        standIn.AddNode(new AwsNode(AccountA, "eu-west-1", Db, "db-0001"));
    }

    [TearDown]
    public async Task Stop() => await standIn.DisposeAsync();

    // The shape of a grant's session policy: StartSession on one node and one document until a time, and the caller's own sessions.
    private static string GrantPolicy(string node, DateTimeOffset until, string document = AwsStandIn.DefaultSessionDocument) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(
            new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray("ssm:StartSession"),
                ["Resource"] = new JsonArray($"arn:aws:ec2:eu-west-1:{AccountA}:instance/{node}", $"arn:aws:ssm:*:*:document/{document}"),
                ["Condition"] = new JsonObject { ["DateLessThan"] = new JsonObject { ["aws:CurrentTime"] = until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) } },
            },
            new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray("ssm:TerminateSession", "ssm:ResumeSession"),
                ["Resource"] = "arn:aws:ssm:*:*:session/${aws:userid}-*",
            }),
    }.ToJsonString();

    private async Task<string> GrantAsync(string policy, string session = "ar-00000001") =>
        (await AssumeAsync(standIn, RoleA, session, policy)).GetCredentials().AccessKey;

    [Test]
    public async Task A_grant_for_one_node_starts_a_session_there_owned_by_the_assumed_role()
    {
        var key = await GrantAsync(GrantPolicy(Web, time.GetUtcNow().AddMinutes(30)));

        var start = standIn.StartSession(key, Web);

        Assert.That(start.Started, Is.True, start.Refusal);
        Assert.That(start.Session!.SessionId, Does.Match("^ar-00000001-[0-9a-f]{17}$"));
        Assert.That(start.Session.Owner, Is.EqualTo($"arn:aws:sts::{AccountA}:assumed-role/ChatOpsJitInventory/ar-00000001"));
        Assert.That(start.Session.Target, Is.EqualTo(Web));
    }

    [Test]
    public async Task The_same_grant_is_refused_on_another_node()
    {
        var key = await GrantAsync(GrantPolicy(Web, time.GetUtcNow().AddMinutes(30)));

        var start = standIn.StartSession(key, Db);

        Assert.That(start.Started, Is.False);
        Assert.That(start.Refusal, Does.Contain("AccessDenied").And.Contain($"instance/{Db}"));
        Assert.That(standIn.Sessions, Is.Empty);
    }

    [Test]
    public async Task A_document_the_policy_does_not_name_is_refused()
    {
        var key = await GrantAsync(GrantPolicy(Web, time.GetUtcNow().AddMinutes(30), document: "RunAs-readonly"));

        Assert.That(standIn.StartSession(key, Web).Refusal, Does.Contain($"document/{AwsStandIn.DefaultSessionDocument}"));
        Assert.That(standIn.StartSession(key, Web, "RunAs-readonly").Started, Is.True);
    }

    [Test]
    public async Task The_DateLessThan_condition_ends_the_grant_at_its_time_even_while_the_keys_are_valid()
    {
        var key = await GrantAsync(GrantPolicy(Web, time.GetUtcNow().AddMinutes(5)));

        time.Advance(TimeSpan.FromMinutes(4));
        var before = standIn.StartSession(key, Web);
        time.Advance(TimeSpan.FromMinutes(2));
        var after = standIn.StartSession(key, Web);

        Assert.That(before.Started, Is.True, before.Refusal);
        Assert.That(after.Started, Is.False);
        Assert.That(after.Refusal, Does.Contain("no statement of the session policy allows"));
    }

    [Test]
    public async Task Expired_keys_start_nothing()
    {
        var key = await GrantAsync(GrantPolicy(Web, time.GetUtcNow().AddHours(2)));

        time.Advance(TimeSpan.FromSeconds(900));

        Assert.That(standIn.StartSession(key, Web).Refusal, Does.StartWith("ExpiredToken"));
    }

    [Test]
    public async Task DescribeSessions_lists_the_grants_active_session_by_owner_and_TerminateSession_moves_it_to_history()
    {
        var key = await GrantAsync(GrantPolicy(Web, time.GetUtcNow().AddMinutes(30)));
        var mine = standIn.StartSession(key, Web).Session!;
        var other = standIn.AddSession(AccountA, "eu-west-1", Web, $"arn:aws:sts::{AccountA}:assumed-role/Admin/alice");
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA, "chatopsjit-revoker"));

        var active = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest
        {
            State = SessionState.Active,
            Filters = [new SessionFilter { Key = SessionFilterKey.Owner, Value = mine.Owner }],
        });
        await ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = mine.SessionId });
        var afterwards = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = SessionState.Active });
        var history = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = SessionState.History });

        Assert.That(active.Sessions.Select(s => s.SessionId), Is.EqualTo(new[] { mine.SessionId }));
        Assert.That(active.Sessions[0].Status.Value, Is.EqualTo("Connected"));
        Assert.That(afterwards.Sessions.Select(s => s.SessionId), Is.EqualTo(new[] { other.SessionId }));
        Assert.That(history.Sessions.Select(s => (s.SessionId, s.Status.Value)), Is.EqualTo(new[] { (mine.SessionId, "Terminated") }));
        var recorded = standIn.Sessions.Single(s => s.SessionId == mine.SessionId);
        Assert.That((recorded.Terminated, recorded.TerminatedAt), Is.EqualTo((true, (DateTimeOffset?)time.GetUtcNow())));
    }

    [Test]
    public async Task DescribeSessions_pages_with_NextToken()
    {
        for (var i = 0; i < 5; i++)
        {
            standIn.AddSession(AccountA, "eu-west-1", Web, $"arn:aws:sts::{AccountA}:assumed-role/Admin/user{i}");
        }

        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));
        var first = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = SessionState.Active, MaxResults = 3 });
        var second = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = SessionState.Active, MaxResults = 3, NextToken = first.NextToken });

        Assert.That((first.Sessions.Count, second.Sessions.Count, second.NextToken), Is.EqualTo((3, 2, (string?)null)));
        Assert.That(first.Sessions.Concat(second.Sessions).Select(s => s.SessionId), Is.EquivalentTo(standIn.Sessions.Select(s => s.SessionId)));
    }

    [Test]
    public async Task Sessions_of_another_Region_are_not_listed()
    {
        standIn.AddSession(AccountA, "us-east-1", "i-0ccccccccccccccc3", $"arn:aws:sts::{AccountA}:assumed-role/Admin/alice");
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA), "eu-west-1");

        var active = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = SessionState.Active });

        Assert.That(active.Sessions, Is.Empty);
    }
}
