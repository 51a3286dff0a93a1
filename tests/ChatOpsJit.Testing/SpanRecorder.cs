using System.Collections.Concurrent;
using System.Diagnostics;
using ChatOpsJit.Core.Telemetry;

namespace ChatOpsJit.Testing;

/// <summary>Listens to the <c>ChatOpsJit</c> activity source, as a tracer would, and keeps every span that ended.</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChatOpsJitTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Ended => _ended.ToList();

    public IReadOnlyList<Activity> Named(string name) => Ended.Where(a => a.OperationName == name).ToList();

    public void Dispose() => _listener.Dispose();
}
