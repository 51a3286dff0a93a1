using System.Text.Json.Serialization;

namespace ChatOpsJit.Core.Requests;

/// <summary>A request for more time on an active grant: round <see cref="Round"/> of approval (the request itself is round 0).</summary>
/// <param name="CurrentLevel">Zero-based level now deciding while <see cref="State"/> is pending.</param>
public sealed record AccessExtension(int Round, TimeSpan By, DateTimeOffset RequestedAt, ExtensionState State, int CurrentLevel = 0)
{
    /// <summary>Who approved the last level or rejected it (<c>policy</c> when granted by an <c>auto</c> rule).</summary>
    public string? DecidedBy { get; init; }
    public string? DecidedByName { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>What the rejecter said, shown to the requester.</summary>
    public string? RejectionReason { get; init; }

    [JsonIgnore]
    public bool IsPending => State == ExtensionState.Pending;
}

/// <summary>Where an extension is in its life.</summary>
public enum ExtensionState
{
    Pending,
    Approved,
    Rejected,
    /// <summary>The window closed (or the grant was revoked) before the extension was decided.</summary>
    Lapsed,
}
