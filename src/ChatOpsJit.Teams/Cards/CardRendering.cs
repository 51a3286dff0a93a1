namespace ChatOpsJit.Teams.Cards;

/// <summary>Whose view of a card to draw: the people it mentions, whether approvers' buttons show, and who refreshes it.</summary>
/// <remarks>
/// A Teams message is one card for everyone in the conversation; <c>refresh</c> lets each listed user's client fetch
/// their own view (Universal Actions' user-specific views), which is how approvers get buttons others do not see. The
/// buttons carry only the request id: who may press them is still decided at click time.
/// </remarks>
/// <param name="Mentions">The people the card's mention line names, each once (by id); blank ones are left out.</param>
/// <param name="ShowApproverButtons">Draw the buttons meant for <see cref="Core.Notifications.CardAudience.Approvers"/>; the requester's are always drawn.</param>
/// <param name="RefreshUserIds">
/// The users (MRIs, <c>29:…</c>) whose clients refresh the card when they show it; at most
/// <see cref="MaxRefreshUsers"/> are written, the first ones. Empty: no refresh clause.
/// </param>
/// <param name="RefreshRequestId">
/// The request the refresh asks about when the card's buttons do not name exactly one (no buttons, or buttons for
/// several requests).
/// </param>
public sealed record CardRendering(
    IReadOnlyList<TeamsMention> Mentions,
    bool ShowApproverButtons,
    IReadOnlyList<string> RefreshUserIds,
    string? RefreshRequestId = null)
{
    /// <summary>Teams refreshes automatically for at most 60 users a card names.</summary>
    public const int MaxRefreshUsers = 60;

    /// <summary>Every button drawn, nobody mentioned, no refresh: a direct message, or the answer to one person's press.</summary>
    public static CardRendering Full { get; } = new([], ShowApproverButtons: true, []);

    /// <summary>What everyone in a conversation sees: mentions, the requester's buttons only, and a refresh for the approvers.</summary>
    public static CardRendering ForEveryone(IReadOnlyList<TeamsMention> mentions, IReadOnlyList<string> approverUserIds, string? requestId = null) =>
        new(mentions, ShowApproverButtons: false, approverUserIds, requestId);

    /// <summary>An approver's own view (the answer to their refresh): the same card with the approvers' buttons drawn.</summary>
    public static CardRendering ForApprover(IReadOnlyList<TeamsMention> mentions, IReadOnlyList<string> approverUserIds, string? requestId = null) =>
        new(mentions, ShowApproverButtons: true, approverUserIds, requestId);
}
