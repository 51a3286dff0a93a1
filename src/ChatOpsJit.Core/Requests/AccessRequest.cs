using System.Text.Json.Serialization;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Policies.Jitna;

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
    /// <summary>The window granted at approval (asked for, clamped to the policy); extensions add to it.</summary>
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
    /// <summary>The policy's longest window and its extension rule, copied at submission like the levels.</summary>
    public TimeSpan? MaxDuration { get; init; }
    public ExtensionRule ExtensionRule { get; init; } = ExtensionRule.Approve;
    /// <summary>Approvers told that a level started waiting for them, in order.</summary>
    public IReadOnlyList<ApproverNotice> ApproverNotices { get; init; } = [];
    /// <summary>The end each reminder announced, in order; a reminder is sent once per end.</summary>
    public IReadOnlyList<DateTimeOffset> RemindedFor { get; init; } = [];
    public IReadOnlyList<AccessExtension> Extensions { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PendingUntil { get; init; }
    public DateTimeOffset? ActivatedAt { get; init; }
    /// <summary>When the window closes: set at approval (JITNA counts from the final approval), moved by extensions.</summary>
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
    /// <summary>Sessions the withdrawal could not end ("id: why"), so the requester and the card can say so.</summary>
    public IReadOnlyList<string> SessionsNotEnded { get; init; } = [];
    /// <summary>Set when the request mirrors one in another system (JITNA), which decides and enforces it.</summary>
    public BridgedRequest? Bridge { get; init; }
    /// <summary>Until when the withdrawn grant's sessions are swept again (credentials handed out earlier may still start one).</summary>
    public DateTimeOffset? SweepUntil { get; init; }
    /// <summary>True once the grant was withdrawn and its sessions ended, so a repeated job does nothing twice.</summary>
    public bool GrantWithdrawn { get; init; }

    /// <summary>The extension waiting for approvers, if any.</summary>
    [JsonIgnore]
    public AccessExtension? PendingExtension => Extensions.LastOrDefault(e => e.IsPending);

    /// <summary>The approval now deciding: the request while pending, an extension while the grant is active; else none.</summary>
    [JsonIgnore]
    public ApprovalRound? Deciding => State switch
    {
        AccessRequestState.Pending when CurrentLevel < Levels.Count => new ApprovalRound(0, CurrentLevel),
        AccessRequestState.Active when PendingExtension is { } e && e.CurrentLevel < Levels.Count => new ApprovalRound(e.Round, e.CurrentLevel),
        _ => null,
    };

    [JsonIgnore]
    public ApprovalLevel? PendingLevel => Deciding is { } d ? Levels[d.Level] : null;

    [JsonIgnore]
    public IEnumerable<Approval> ApprovalsAtCurrentLevel =>
        Deciding is { } d ? Approvals.Where(a => a.Round == d.Round && a.Level == d.Level) : [];

    /// <summary>The whole window: <see cref="Duration"/> plus every approved extension.</summary>
    [JsonIgnore]
    public TimeSpan GrantedDuration => Duration + Extensions.Where(e => e.State == ExtensionState.Approved).Aggregate(TimeSpan.Zero, (sum, e) => sum + e.By);
}
