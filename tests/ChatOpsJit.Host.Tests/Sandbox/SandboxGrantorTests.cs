using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Sandbox;
using ChatOpsJit.Storage;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Host.Tests.Sandbox;

public sealed class SandboxGrantorTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly AuditKeyRing Keys = new(AuditKey.Generate());
    private FakeTimeProvider time = null!;
    private SandboxGrantor grantor = null!;
    private SqliteAccessRequestStore requests = null!;
    private TempFolder folder = null!;
    private string connectionString = null!;

    [SetUp]
    public async Task Create()
    {
        time = new FakeTimeProvider(T0);
        folder = new TempFolder();
        connectionString = $"Data Source={folder.File("sandbox.db")}";
        grantor = await NewGrantorAsync();
    }

    [TearDown]
    public void Remove() => folder.Dispose();

    // A grantor over the same database file, as after a restart.
    private async Task<SandboxGrantor> NewGrantorAsync()
    {
        var database = await SqliteStore.OpenAsync(connectionString);
        requests = new SqliteAccessRequestStore(database, Keys);
        return new(new SandboxGrantStore(database), requests, time, NullLogger<SandboxGrantor>.Instance);
    }

    // The request as the workflow leaves it once the grant is issued: active for an hour from T0.
    private async Task<AccessRequest> ActiveAsync(string id)
    {
        // Each on its own node: the store holds one open request per person and node.
        var active = Request(id) with { NodeId = $"i-node-{id}", Version = 1, State = AccessRequestState.Active, ActivatedAt = T0, ExpiresAt = T0.AddHours(1) };
        Assert.That(await requests.TryCommitAsync(new Transition(active, 0, new AuditEntry(id, "grant.issued", "system", T0, "{}"), [], [], [])), Is.True);
        return active;
    }

    // Stores the active request and issues its sandbox grant.
    private async Task GrantAsync(string id) => await grantor.GrantAsync(await ActiveAsync(id));

    private async Task<string?> SessionAsync(string id, string who = "dev@example.com") => (await grantor.StartSessionAsync(id, who)).SessionId;

    private static AccessRequest Request(string id, string region = "eu-west-1") => new()
    {
        Id = id,
        State = AccessRequestState.Approved,
        RequesterEmail = "dev@example.com",
        RequesterName = "Dana Developer",
        OriginPlatform = ChatOpsJit.Core.Chat.PlatformName.Console,
        NodeId = "i-0abc1234567890def",
        NodeName = "web-1",
        Region = region,
        Reason = "disk full",
        Duration = TimeSpan.FromHours(1),
        CreatedAt = T0,
    };

    [Test]
    public async Task A_grant_returns_the_start_session_command()
    {
        var result = await grantor.GrantAsync(Request("ar-1"));

        Assert.That(result.ConnectInstructions, Is.EqualTo("aws ssm start-session --target i-0abc1234567890def --region eu-west-1"));
        Assert.That((await grantor.FindAsync("ar-1")), Is.Not.Null);
    }

    [Test]
    public async Task A_grant_without_a_region_omits_the_region_flag()
    {
        var result = await grantor.GrantAsync(Request("ar-1", region: ""));

        Assert.That(result.ConnectInstructions, Is.EqualTo("aws ssm start-session --target i-0abc1234567890def"));
    }

    [Test]
    public async Task Granting_twice_for_the_same_request_is_idempotent()
    {
        await GrantAsync("ar-1");
        var first = (await grantor.FindAsync("ar-1"));
        await SessionAsync("ar-1", "dev@example.com");
        time.Advance(TimeSpan.FromMinutes(5));

        await grantor.GrantAsync(Request("ar-1"));

        var second = (await grantor.FindAsync("ar-1"));
        Assert.That(second, Is.EqualTo(first! with { LiveSessions = 1 }));
        Assert.That(second!.GrantedAt, Is.EqualTo(T0));
        Assert.That(second.LiveSessions, Is.EqualTo(1), "a retried grant keeps the live sessions");
    }

    [Test]
    public async Task No_session_starts_without_a_grant()
    {
        Assert.That(await SessionAsync("ar-unknown", "dev@example.com"), Is.Null);
    }

    [Test]
    public async Task Revoke_ends_exactly_the_live_sessions_and_reports_the_count()
    {
        await GrantAsync("ar-1");
        await GrantAsync("ar-2");
        var s1 = await SessionAsync("ar-1", "dev@example.com");
        var s2 = await SessionAsync("ar-1", "dev@example.com");
        await SessionAsync("ar-2", "dev@example.com");
        time.Advance(TimeSpan.FromMinutes(10));

        var result = await grantor.RevokeAsync(Request("ar-1"));

        Assert.That(s1, Is.Not.EqualTo(s2));
        Assert.That(result.SessionsEnded, Is.EqualTo(2));
        Assert.That((await grantor.FindAsync("ar-1"))!.LiveSessions, Is.Zero);
        Assert.That((await grantor.FindAsync("ar-1"))!.WithdrawnAt, Is.EqualTo(T0.AddMinutes(10)));
        Assert.That((await grantor.FindAsync("ar-2"))!.LiveSessions, Is.EqualTo(1), "another request's sessions are untouched");
    }

    [Test]
    public async Task Revoking_twice_reports_zero_the_second_time()
    {
        await GrantAsync("ar-1");
        await SessionAsync("ar-1", "dev@example.com");

        var first = await grantor.RevokeAsync(Request("ar-1"));
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await grantor.RevokeAsync(Request("ar-1"));

        Assert.That((first.SessionsEnded, second.SessionsEnded), Is.EqualTo((1, 0)));
        Assert.That((await grantor.FindAsync("ar-1"))!.WithdrawnAt, Is.EqualTo(T0), "the first withdrawal time is kept");
    }

    [Test]
    public async Task Revoking_with_no_sessions_reports_zero()
    {
        await GrantAsync("ar-1");

        Assert.That((await grantor.RevokeAsync(Request("ar-1"))).SessionsEnded, Is.Zero);
    }

    [Test]
    public async Task Revoking_an_unknown_request_reports_zero()
    {
        Assert.That((await grantor.RevokeAsync(Request("ar-never"))).SessionsEnded, Is.Zero);
    }

    [Test]
    public async Task No_session_starts_after_withdrawal()
    {
        await GrantAsync("ar-1");
        await grantor.RevokeAsync(Request("ar-1"));

        Assert.That(await SessionAsync("ar-1", "dev@example.com"), Is.Null);
        Assert.That((await grantor.FindAsync("ar-1"))!.LiveSessions, Is.Zero);
    }

    [Test]
    public async Task A_session_id_names_the_requester_request_and_sequence()
    {
        await GrantAsync("ar-1");

        Assert.That(await SessionAsync("ar-1", "dev@example.com"), Is.EqualTo("dev-ar-1-1"));
        Assert.That(await SessionAsync("ar-1", "dev@example.com"), Is.EqualTo("dev-ar-1-2"));
    }

    [Test]
    public async Task Sessions_live_before_a_restart_are_ended_by_a_revocation_after_it()
    {
        await GrantAsync("ar-1");
        await SessionAsync("ar-1", "dev@example.com");

        var afterRestart = await NewGrantorAsync();
        var result = await afterRestart.RevokeAsync(Request("ar-1"));

        Assert.That(result.SessionsEnded, Is.EqualTo(1));
        Assert.That((await afterRestart.FindAsync("ar-1"))!.LiveSessions, Is.Zero);
    }

    [Test]
    public async Task Only_the_requester_can_start_a_session_on_a_grant()
    {
        await GrantAsync("ar-1");

        Assert.That(await SessionAsync("ar-1", "lead@example.com"), Is.Null, "someone else's grant");
        Assert.That(await SessionAsync("ar-1", "DEV@example.com"), Is.EqualTo("dev-ar-1-1"), "emails compare case-insensitively");
        Assert.That((await grantor.FindAsync("ar-1"))!.LiveSessions, Is.EqualTo(1));
    }

    [Test]
    public async Task No_session_starts_after_the_window_closed_even_before_the_expiry_job_ran()
    {
        await GrantAsync("ar-1");
        time.Advance(TimeSpan.FromHours(1));

        var start = await grantor.StartSessionAsync("ar-1", "dev@example.com");

        Assert.That(start, Is.EqualTo(new SandboxGrantor.SandboxSessionStart(null, "the access window of request ar-1 closed at 2030-01-02 04:04 UTC; no session can start.")));
        Assert.That((await grantor.FindAsync("ar-1"))!.LiveSessions, Is.Zero);
        Assert.That((await requests.FindAsync("ar-1"))!.State, Is.EqualTo(AccessRequestState.Active), "the expiry job has not run");
    }

    [Test]
    public async Task A_session_starts_after_the_old_end_once_an_extension_moved_it()
    {
        var active = await ActiveAsync("ar-1");
        await grantor.GrantAsync(active);
        var extended = active with { Version = 2, ExpiresAt = T0.AddHours(2) };
        Assert.That(await requests.TryCommitAsync(new Transition(extended, 1, new AuditEntry("ar-1", "request.extended", "lead@example.com", T0, "{}"), [], [], [])), Is.True);
        time.Advance(TimeSpan.FromMinutes(90));

        Assert.That(await SessionAsync("ar-1"), Is.EqualTo("dev-ar-1-1"));
    }

    [Test]
    public async Task No_session_starts_on_a_request_that_is_not_active()
    {
        await grantor.GrantAsync(Request("ar-1"));
        var pending = Request("ar-1") with { Version = 1, State = AccessRequestState.Pending };
        await requests.TryCommitAsync(new Transition(pending, 0, new AuditEntry("ar-1", "request.submitted", "dev@example.com", T0, "{}"), [], [], []));

        var start = await grantor.StartSessionAsync("ar-1", "dev@example.com");

        Assert.That(start.Refusal, Is.EqualTo("request ar-1 is pending; sessions start only while access is active."));
    }
}
