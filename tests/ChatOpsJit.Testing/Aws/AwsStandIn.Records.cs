namespace ChatOpsJit.Testing.Aws;

/// <summary>What reached the stand-in, for tests to read as snapshots or wait on.</summary>
public sealed partial class AwsStandIn
{
    /// <summary>Every request, refused ones included, in the order answered.</summary>
    public IReadOnlyList<AwsCall> Calls => _calls.Snapshot();

    /// <summary>The calls of one operation that the operation answered (not refused), in order.</summary>
    public IReadOnlyList<AwsCall> CallsOf(string operation) => Calls.Where(c => c.Operation == operation && !c.Refused).ToList();

    /// <summary>Every AssumeRole answer, with the keys and what they were asked for.</summary>
    public IReadOnlyList<IssuedCredentials> Issued => _issued.Snapshot();

    /// <summary>Every session, active and terminated, as it stands now.</summary>
    public IReadOnlyList<AwsSession> Sessions => _world.Sessions;

    /// <summary>Every SendAutomationSignal that reached an execution.</summary>
    public IReadOnlyList<AwsSignal> Signals => _signals.Snapshot();

    /// <summary>Every email SES accepted.</summary>
    public IReadOnlyList<SentEmail> Emails => _emails.Snapshot();

    /// <summary>The OpsItems as they stand now (a signal changes their Status).</summary>
    public IReadOnlyList<AwsOpsItem> OpsItems => _world.AllOpsItems;

    /// <summary>Puts a message (an EventBridge event, say) on a queue; queues exist on first use.</summary>
    public void SendToQueue(string queueUrl, string body) => _queues.Send(queueUrl, body);

    /// <summary>How many messages of the queue were received and not deleted, or never received.</summary>
    public int QueueDepth(string queueUrl) => _queues.Depth(queueUrl);

    /// <summary>Every node of every account and Region, in the order added.</summary>
    public IReadOnlyList<AwsNode> Nodes => _world.AllNodes;

    /// <summary>The first call that matches; fails the test, listing every call seen, when none comes in time (10 s by default).</summary>
    public Task<AwsCall> WaitForCallAsync(Func<AwsCall, bool> predicate, string what, TimeSpan? timeout = null) =>
        _calls.WaitForAsync(predicate, what, timeout);

    /// <summary>The first email that matches, waited for like <see cref="WaitForCallAsync"/>.</summary>
    public Task<SentEmail> WaitForEmailAsync(Func<SentEmail, bool> predicate, string what, TimeSpan? timeout = null) =>
        _emails.WaitForAsync(predicate, what, timeout);

    /// <summary>The first signal that matches, waited for like <see cref="WaitForCallAsync"/>.</summary>
    public Task<AwsSignal> WaitForSignalAsync(Func<AwsSignal, bool> predicate, string what, TimeSpan? timeout = null) =>
        _signals.WaitForAsync(predicate, what, timeout);
}
