using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Core.Requests;

/// <summary>Workflow settings (section <c>Access</c>); defaults follow JITNA.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How long auto-approved access lasts (JITNA: a fixed hour).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "14.00:00:00")]
    public TimeSpan AutoApprovalDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a request may wait for approvers (JITNA's aws:approve default: 7 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long before a grant ends its requester is reminded (with an Extend button where the policy allows); 0 turns reminders off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>JITNA never lets anyone revoke auto-approved access; an operator may allow it.</summary>
    public bool AllowRevokingAutoApproved { get; set; }

    /// <summary>Attempts to issue a grant before the request ends <see cref="AccessRequestState.Failed"/>.</summary>
    [Range(1, 20)]
    public int MaxGrantAttempts { get; set; } = 5;

    /// <summary>First retry delay of a failing grant or revocation; doubles per attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
