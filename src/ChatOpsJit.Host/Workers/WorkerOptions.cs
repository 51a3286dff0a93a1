using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Host.Workers;

/// <summary>How the background workers poll and retry (section <c>Workers</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>The longest a worker sleeps without being woken; commits wake it at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed row stays hidden from other replicas; a crashed claimer's rows come back after it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 100)]
    public int MaxDeliveryAttempts { get; set; } = 12;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many rows one claim takes.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>How many claimed rows a worker handles at once (rows of one request or card still go one at a time).</summary>
    /// <remarks>
    /// A row mostly waits, on its commit or on Slack, Teams, SMTP or AWS, so many at once fill the shared commits rather
    /// than the CPU: at 16, the workers fell behind 10,000 grants ending within a minute (bench/expiry).
    /// </remarks>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 64;

    /// <summary>
    /// How long, once the host is stopping, the rows a worker had started may take to finish (rows not started are handed
    /// back at once); the host's shutdown timeout is raised to cover it. A container runtime's stop grace period must be longer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>False leaves the outbox to other replicas (or holds it during maintenance); rows wait, nothing is lost.</summary>
    public bool DeliverNotifications { get; set; } = true;
}
