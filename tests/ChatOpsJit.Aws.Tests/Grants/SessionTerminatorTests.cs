using Amazon.SimpleSystemsManagement;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.AwsAdapterWorld;

namespace ChatOpsJit.Aws.Tests.Grants;

/// <summary>Withdrawing a token grant: TokenGrantor.RevokeAsync ending the grant's sessions through SessionTerminator.</summary>
public sealed class SessionTerminatorTests
{
    private const string Web = "i-0aaaaaaaaaaaaaaa1";
    private const string Db = "i-0bbbbbbbbbbbbbbb2";
    private static readonly string Owner = $"arn:aws:sts::{AccountA}:assumed-role/ChatOpsJitToken/chatopsjit-ar-1234abcd";
    private AwsAdapterWorld world = null!;

    [SetUp]
    public async Task Start()
    {
        world = await AwsAdapterWorld.StartAsync();
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", Web, "web-0001"));
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", Db, "db-0001"));
    }

    [TearDown]
    public async Task Stop() => await world.DisposeAsync();

    private async Task<AwsSession> StartWithMintedKeysAsync(Core.Requests.AccessRequest request)
    {
        var credentials = await world.Tokens().IssueCredentialsAsync(request);
        var start = world.StandIn.StartSession(credentials.KeyId, request.NodeId);
        Assert.That(start.Started, Is.True, start.Refusal);
        return start.Session!;
    }

    private bool IsActive(string sessionId) => !world.StandIn.Sessions.Single(s => s.SessionId == sessionId).Terminated;

    [Test]
    public async Task RevokeAsync_ends_every_active_session_of_the_grant_and_only_those()
    {
        var request = world.Request(Web, TimeSpan.FromMinutes(30));
        var first = await StartWithMintedKeysAsync(request);
        var second = await StartWithMintedKeysAsync(request);
        var someoneElse = world.StandIn.AddSession(AccountA, "eu-west-1", Web, $"arn:aws:sts::{AccountA}:assumed-role/AWSReservedSSO_Admin_0123/ops@example.com");
        var anotherGrant = world.StandIn.AddSession(AccountA, "eu-west-1", Web, $"arn:aws:sts::{AccountA}:assumed-role/ChatOpsJitToken/chatopsjit-ar-9999ffff");
        var sameOwnerElsewhere = world.StandIn.AddSession(AccountA, "eu-west-1", Db, Owner);
        var otherRegion = world.StandIn.AddSession(AccountA, "us-east-1", Web, Owner);
        world.Time.Advance(TimeSpan.FromMinutes(31));

        var result = await world.Tokens().RevokeAsync(request with { State = Core.Requests.AccessRequestState.Expired });

        Assert.That(result.EndedSessionIds, Is.EquivalentTo(new[] { first.SessionId, second.SessionId }));
        Assert.That(result.SessionsEnded, Is.EqualTo(2));
        Assert.That(result.NotEnded, Is.Empty);
        Assert.That(IsActive(first.SessionId) || IsActive(second.SessionId), Is.False, "the grant's sessions ended");
        Assert.That(new[] { someoneElse, anotherGrant, sameOwnerElsewhere, otherRegion }.Where(s => !IsActive(s.SessionId)), Is.Empty, "no other session ended");
        Assert.That(world.StandIn.CallsOf("TerminateSession").Select(c => Json(c)["SessionId"]?.GetValue<string>()), Is.EquivalentTo(new[] { first.SessionId, second.SessionId }));

        var describes = world.StandIn.CallsOf("DescribeSessions");
        Assert.That(describes, Is.Not.Empty);
        foreach (var call in describes)
        {
            var body = Json(call);
            Assert.That(body["State"]?.GetValue<string>(), Is.EqualTo("Active"));
            Assert.That(body["Filters"]!.AsArray().Select(f => $"{f!["key"]}={f["value"]}"), Is.EquivalentTo(new[] { $"Target={Web}", $"Owner={Owner}" }));
            Assert.That((call.Account, call.Region), Is.EqualTo((AccountA, "eu-west-1")));
        }
    }

    [Test]
    public async Task RevokeAsync_of_a_grant_without_sessions_ends_nothing()
    {
        var result = await world.Tokens().RevokeAsync(world.Request(Web, TimeSpan.FromMinutes(30)) with { State = Core.Requests.AccessRequestState.Revoked });

        Assert.That((result.SessionsEnded, result.EndedSessionIds.Count, result.NotEnded.Count), Is.EqualTo((0, 0, 0)));
        Assert.That(world.StandIn.CallsOf("TerminateSession"), Is.Empty);
    }

    [TestCase(30, 30)]
    [TestCase(240, 60)]
    public async Task RevokeAsync_asks_for_sweeps_until_the_earlier_of_the_grants_end_and_the_last_tokens_expiry(int minutesLeft, int sweepMinutes)
    {
        var request = world.Request(Web, TimeSpan.FromMinutes(minutesLeft)) with { State = Core.Requests.AccessRequestState.Revoked };

        var result = await world.Tokens().RevokeAsync(request);

        Assert.That(result.SweepUntil, Is.EqualTo(world.Time.GetUtcNow() + TimeSpan.FromMinutes(sweepMinutes)));
    }

    [Test]
    public async Task A_TerminateSession_refused_with_AccessDenied_is_reported_in_NotEnded_and_does_not_throw()
    {
        var request = world.Request(Web, TimeSpan.FromMinutes(30));
        var session = await StartWithMintedKeysAsync(request);
        world.StandIn.FailAlways("TerminateSession", AwsFault.AccessDenied);

        var result = await world.Tokens().RevokeAsync(request);

        Assert.That(result.SessionsEnded, Is.EqualTo(0));
        Assert.That(result.EndedSessionIds, Is.Empty);
        Assert.That(result.NotEnded, Has.Count.EqualTo(1));
        Assert.That(result.NotEnded[0], Does.StartWith($"{session.SessionId}: AccessDeniedException: ").And.Contain("ssm:TerminateSession"));
        Assert.That(IsActive(session.SessionId), Is.True);
        Assert.That(world.StandIn.Calls.Count(c => c.Operation == "TerminateSession"), Is.EqualTo(1), "a refusal is not retried");
    }

    [Test]
    public async Task A_signature_mismatch_is_reported_by_its_code_without_the_canonical_request_and_its_session_token()
    {
        var request = world.Request(Web, TimeSpan.FromMinutes(30));
        var session = await StartWithMintedKeysAsync(request);
        world.StandIn.FailAlways("TerminateSession", AwsFault.SignatureMismatch);

        var result = await world.Tokens().RevokeAsync(request);

        Assert.That(result.NotEnded, Has.Count.EqualTo(1));
        Assert.That(result.NotEnded[0], Is.EqualTo($"{session.SessionId}: InvalidSignatureException: AWS refused the request's signature (its answer, which repeats the signed headers, is not kept)"));
        var tokens = world.StandIn.Issued.Select(i => i.SessionToken).ToList();
        Assert.That(tokens, Is.Not.Empty, "the terminator signed with an assumed role's session token");
        Assert.That(tokens, Has.None.Matches<string>(t => result.NotEnded[0].Contains(t, StringComparison.Ordinal)));
    }

    [Test]
    public async Task A_TerminateSession_failing_with_a_server_error_makes_RevokeAsync_throw_and_a_later_RevokeAsync_ends_the_session()
    {
        var request = world.Request(Web, TimeSpan.FromMinutes(30));
        var session = await StartWithMintedKeysAsync(request);
        world.StandIn.FailAlways("TerminateSession", AwsFault.ServerError);
        var tokens = world.Tokens();

        var error = Assert.CatchAsync<AmazonSimpleSystemsManagementException>(() => tokens.RevokeAsync(request));

        Assert.That(error!.ErrorCode, Is.EqualTo("InternalServerError"));
        Assert.That(IsActive(session.SessionId), Is.True);

        world.StandIn.Heal("TerminateSession");
        var result = await tokens.RevokeAsync(request);

        Assert.That(result.EndedSessionIds, Is.EqualTo(new[] { session.SessionId }));
        Assert.That(result.NotEnded, Is.Empty);
        Assert.That(IsActive(session.SessionId), Is.False);
    }
}
