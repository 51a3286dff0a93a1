using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Workflow;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>
/// The workflow and job runner wired to in-memory fakes and fake time. Platforms <c>console</c> and <c>slack</c> are
/// enabled; the manual policy also names a <c>teams</c> channel, which must never get a card.
/// </summary>
public sealed class WorkflowWorld
{
    public const string Requester = "dev@example.com";
    public const string Approver = "lead@example.com";
    public const string Stranger = "someone@example.com";

    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <param name="issuesCredentials">Whether the grantor also mints credentials on demand (<see cref="Issuer"/>).</param>
    public WorkflowWorld(IReadOnlyList<ApprovalLevel>? levels = null, Action<AccessOptions>? configure = null, bool issuesCredentials = false)
    {
        Issuer = new FakeCredentialIssuingGrantor(Grantor);
        configure?.Invoke(Options);
        Directory.Add(Requester);
        Directory.Add(Approver);
        Directory.Add(Stranger);
        Node = Inventory.Add("i-0abc1234567890def", "web-1", ("Env", "prod"));
        ManualPolicy = new ManualPolicy("prod-servers", "manual/prod.yaml", new ManualPolicyTargets(false, [new NodeTag("Env", "prod")]),
            levels ?? [new ApprovalLevel([Approver], 1)], TimeSpan.FromHours(2), TimeSpan.FromHours(4),
            new Dictionary<PlatformName, string> { [PlatformName.Console] = "approvals", [PlatformName.Slack] = "#prod-approvals", [PlatformName.Teams] = "Prod approvals" });
        Policy = new StubAccessPolicy(new PolicyDecision.NeedsApproval(ManualPolicy, "manual policy 'prod-servers' applies"));
        IAccessGrantor grantor = issuesCredentials ? Issuer : Grantor;
        Workflow = new AccessWorkflow(Store, Inventory, Directory, Policy, grantor, [new FakeChatPlatform("console"), new FakeChatPlatform("slack")],
            [new FakeEmailSender()], Options, new WorkSignal(), Time, NullLogger<AccessWorkflow>.Instance);
        // Jitter pinned at its top, so retry times are exact: the first retry after RetryDelay, then doubling.
        Runner = new AccessJobRunner(Workflow, grantor, Options, NullLogger<AccessJobRunner>.Instance, new FixedRandom(1.0));
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryAccessRequestStore Store { get; } = new();

    public FakeIdentityDirectory Directory { get; } = new();

    public FakeNodeInventory Inventory { get; } = new();

    public FakeAccessGrantor Grantor { get; } = new();

    /// <summary>The grantor with the credentials power; the workflow uses it only when the world was built with it.</summary>
    public FakeCredentialIssuingGrantor Issuer { get; }

    public AccessOptions Options { get; } = new();

    public Node Node { get; }

    public ManualPolicy ManualPolicy { get; }

    public StubAccessPolicy Policy { get; }

    public AccessWorkflow Workflow { get; }

    public AccessJobRunner Runner { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>How cards and messages name a person of the fake directory: display name (the email's name part) and email.</summary>
    public static string Named(string email) => $"{email.Split('@')[0]} ({email})";

    /// <summary>A person speaking in the console, whose user id there is "U-" and the name part of the email.</summary>
    public static ChatUser User(string email) => new(PlatformName.Console, "U-" + email.Split('@')[0], email);

    public async Task<WorkflowResult> SubmitAsync(string reason = "disk full", TimeSpan? duration = null) =>
        (await Workflow.SubmitAsync(User(Requester), [Node.Id], reason, duration, null)).Single();

    /// <summary>Submits under the manual policy and returns the stored pending request.</summary>
    public async Task<AccessRequest> PendingAsync()
    {
        var result = await SubmitAsync();
        Assert.That(result.Ok, Is.True, result.Message);
        return await RequestAsync(result.Request!.Id);
    }

    /// <summary>Submits, has <see cref="Approver"/> approve, and runs the grant.</summary>
    public async Task<AccessRequest> ActiveAsync()
    {
        var pending = await PendingAsync();
        var approved = await Workflow.ApproveAsync(pending.Id, User(Approver));
        Assert.That(approved.Ok, Is.True, approved.Message);
        await RunDueAsync();
        var active = await RequestAsync(pending.Id);
        Assert.That(active.State, Is.EqualTo(AccessRequestState.Active));
        return active;
    }

    public async Task<AccessRequest> RequestAsync(string id) =>
        await Store.FindAsync(id) ?? throw new AssertionException($"request {id} is not stored");

    public Task<JobOutcome> RunAsync(string requestId, JobKind kind, int attempts = 1) =>
        Runner.RunAsync(new DueJob(requestId, kind, Now) { Attempts = attempts });

    /// <summary>
    /// Claims and runs every job due now, as the scheduler does (complete when done unless its transition already deleted
    /// it, reschedule on retry).
    /// </summary>
    public async Task<IReadOnlyList<(DueJob Job, JobOutcome Outcome)>> RunDueAsync()
    {
        var ran = new List<(DueJob, JobOutcome)>();
        foreach (var job in await Store.ClaimDueAsync(Now, 100, TimeSpan.FromMinutes(5)))
        {
            var outcome = await Runner.RunAsync(job);
            if (outcome.RowDeleted)
            {
                Assert.That(Store.JobsFor(job.RequestId).Select(j => j.Id), Does.Not.Contain(job.Id), $"the {job.Kind} job said its transition deleted its row");
            }
            else if (outcome.Done)
            {
                await Store.CompleteAsync(job);
            }
            else
            {
                await Store.RetryAsync(job, outcome.RetryAt!.Value, outcome.Error ?? "");
            }

            ran.Add((job, outcome));
        }

        return ran;
    }
}
