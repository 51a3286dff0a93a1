using System.Diagnostics;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Telemetry;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Telemetry;

/// <summary>The spans of the core: one per transition commit, what they carry, and what they cost when nobody listens.</summary>
[NonParallelizable]
public sealed class ChatOpsJitTracingTests
{
    [Test]
    public async Task Each_commit_is_a_transition_span_with_the_request_id_both_states_and_committed()
    {
        using var spans = new SpanRecorder();
        var world = new WorkflowWorld([new ApprovalLevel(["a@example.com"], 1)]);
        world.Directory.Add("a@example.com");
        var pending = await world.PendingAsync();

        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User("a@example.com"));

        var submitted = spans.Named("transition request.submitted").Single();
        var approved = spans.Named("transition request.approved").Single();
        Assert.That(Tags(submitted), Is.EquivalentTo(new Dictionary<string, string?>
        {
            [ChatOpsJitTracing.RequestId] = pending.Id, [ChatOpsJitTracing.Event] = "request.submitted", [ChatOpsJitTracing.FromState] = "none",
            [ChatOpsJitTracing.ToState] = "Pending", [ChatOpsJitTracing.Version] = "1", [ChatOpsJitTracing.Outcome] = "committed",
        }));
        Assert.That((Tag(approved, ChatOpsJitTracing.FromState), Tag(approved, ChatOpsJitTracing.ToState), Tag(approved, ChatOpsJitTracing.Version)),
            Is.EqualTo(("Pending", "Approved", "2")));
        Assert.That(spans.Ended.Select(s => s.Kind), Is.All.EqualTo(ActivityKind.Internal));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_lost_version_race_is_a_conflict_span_and_the_retry_that_follows_commits()
    {
        using var spans = new SpanRecorder();
        var world = new WorkflowWorld([new ApprovalLevel(["a@example.com", "b@example.com"], 2)]);
        world.Directory.Add("a@example.com");
        world.Directory.Add("b@example.com");
        var pending = await world.PendingAsync();
        world.Directory.HoldLookupsUntil(2);

        await Task.WhenAll(new[] { "a@example.com", "b@example.com" }.Select(email =>
            Task.Run(() => world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(email)))));

        var transitions = spans.Ended.Where(s => s.OperationName.StartsWith("transition ", StringComparison.Ordinal)).ToList();
        Assert.That(world.Store.RefusedCommits, Is.EqualTo(1), "the race happened");
        Assert.That(transitions.Count(s => Tag(s, ChatOpsJitTracing.Outcome) == "conflict"), Is.EqualTo(1));
        Assert.That(transitions.Count(s => Tag(s, ChatOpsJitTracing.Outcome) == "committed"), Is.EqualTo(3), "the submission and both approvals");
        Assert.That(transitions.Select(s => Tag(s, ChatOpsJitTracing.RequestId)), Is.All.EqualTo(pending.Id));
    }

    [Test]
    public void With_no_listener_starting_and_ending_a_span_returns_null_and_allocates_nothing()
    {
        Assert.That(ChatOpsJitTracing.Source.HasListeners(), Is.False, "no tracer listens in this test");
        Measure(1_000); // JIT and first-call work outside the measurement

        // GetTimestamp rather than a Stopwatch, whose own object would be the only allocation measured.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var started = Measure(1_000_000);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        TestContext.Out.WriteLine($"tracing off: {elapsed.TotalNanoseconds / 1_000_000:0.0} ns per start+end, {allocated} bytes allocated for 1,000,000");
        Assert.That(started, Is.Zero);
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void The_request_id_of_the_nearest_enclosing_span_is_found_from_a_nested_span()
    {
        using var spans = new SpanRecorder();
        using var outer = ChatOpsJitTracing.Start("deliver", "Email", "ar-00000001");
        using var middle = ChatOpsJitTracing.Source.StartActivity("no request here");
        using var inner = ChatOpsJitTracing.Start("smtp", "send", null, ActivityKind.Client);

        Assert.That(ChatOpsJitTracing.RequestIdAbove(inner), Is.EqualTo("ar-00000001"));
        Assert.That(ChatOpsJitTracing.RequestIdAbove(null), Is.Null);
    }

    [Test]
    public void A_failed_span_is_an_error_with_the_exception_type_and_not_its_message()
    {
        using var spans = new SpanRecorder();
        using (var span = ChatOpsJitTracing.Start("job", "Grant", "ar-00000002"))
        {
            span.Ended("failed", new InvalidOperationException("token xoxb-secret refused"));
        }

        var ended = spans.Named("job Grant").Single();
        Assert.That(ended.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(ended.StatusDescription, Is.Null);
        Assert.That(Tag(ended, ChatOpsJitTracing.ErrorType), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(Tags(ended).Values, Has.None.Contains("xoxb-secret"));
        Assert.That(ended.Events, Is.Empty);
    }

    private static int Measure(int times)
    {
        var started = 0;
        for (var i = 0; i < times; i++)
        {
            using var span = ChatOpsJitTracing.Start("transition", "request.approved", "ar-00000003");
            span.Ended("committed");
            started += span is null ? 0 : 1;
        }

        return started;
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    private static Dictionary<string, string?> Tags(Activity span) => span.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString());
}
