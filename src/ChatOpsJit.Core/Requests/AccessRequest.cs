using System.Text.Json.Serialization;
using ChatOpsJit.Core.Chat;

namespace ChatOpsJit.Core.Requests;

/// <summary>A request by one person for time-boxed access to one node, and everything decided about it.</summary>
public sealed record AccessRequest
{
    public required string Id { get; init; }
    /// <summary>Optimistic-concurrency version: 1 after submission, +1 per committed transition.</summary>
    public long Version { get; init; }
    public required AccessRequestState State { get; init; }

    public required string RequesterEmail { get; init; }
    public required string RequesterName { get; init; }
    /// <summary>The chat platform the requester asked from; DMs go back there.</summary>
    public required PlatformName OriginPlatform { get; init; }
    /// <summary>The requester's user id on <see cref="OriginPlatform"/>, so DMs need no lookup by email.</summary>
    public string? RequesterUserId { get; init; }

    public required string NodeId { get; init; }
    public required string NodeName { get; init; }
    public string Account { get; init; } = "";
    public string Region { get; init; } = "";

    public required string Reason { get; init; }
    public required TimeSpan Duration { get; init; }
    public string? RunAs { get; init; }

    /// <summary>The manual policy that governs approval, or the auto-approval statements that granted it.</summary>
    public string? PolicyName { get; init; }
    public bool AutoApproved { get; init; }
    public IReadOnlyList<ApprovalLevel> Levels { get; init; } = [];
    /// <summary>Zero-based index into <see cref="Levels"/> of the level now deciding.</summary>
    public int CurrentLevel { get; init; }
    public IReadOnlyList<Approval> Approvals { get; init; } = [];
    /// <summary>Approvers' channel per chat platform, copied from the policy at submission.</summary>
    public IReadOnlyDictionary<PlatformName, string> Channels { get; init; } = new Dictionary<PlatformName, string>();

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PendingUntil { get; init; }
    public DateTimeOffset? ActivatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Who made the last decision (approver, rejecter, canceller, revoker), if a person did.</summary>
    public string? DecidedBy { get; init; }
    /// <summary>The directory's display name of <see cref="DecidedBy"/>.</summary>
    public string? DecidedByName { get; init; }
    /// <summary>What the rejecter said, shown to the requester; null when they gave no reason.</summary>
    public string? RejectionReason { get; init; }
    /// <summary>Why the request is in its state, in words a requester understands.</summary>
    public string? StateReason { get; init; }
    /// <summary>How to connect, filled in when the grant is issued; never contains credentials.</summary>
    public string? ConnectInstructions { get; init; }
    public int SessionsEnded { get; init; }
    /// <summary>True once the grant was withdrawn and its sessions ended, so a repeated job does nothing twice.</summary>
    public bool GrantWithdrawn { get; init; }

    [JsonIgnore]
    public ApprovalLevel? PendingLevel => State == AccessRequestState.Pending && CurrentLevel < Levels.Count ? Levels[CurrentLevel] : null;

    [JsonIgnore]
    public IEnumerable<Approval> ApprovalsAtCurrentLevel => Approvals.Where(a => a.Level == CurrentLevel);
}
