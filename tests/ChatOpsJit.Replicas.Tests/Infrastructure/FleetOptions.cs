namespace ChatOpsJit.Replicas.Tests.Infrastructure;

/// <summary>How a test wants its fleet: how many replicas, extra people in the directory and Slack, worker batch size.</summary>
public sealed class FleetOptions
{
    public int Replicas { get; init; } = 3;

    /// <summary>Extra SRE leads: approver1@example.com …</summary>
    public int Approvers { get; init; }

    /// <summary>Extra developers who approve nothing: requester1@example.com …</summary>
    public int Requesters { get; init; }

    /// <summary>Workers:BatchSize, how many rows a worker claims at once.</summary>
    public int BatchSize { get; init; } = 20;
}
