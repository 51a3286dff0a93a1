namespace ChatOpsJit.Teams.Cards;

/// <summary>A person resolved for a Teams mention: their id and the name the card shows for them.</summary>
/// <param name="Id">
/// The user's Teams id (<c>29:…</c>, per bot) or Entra object id; Teams also takes a UPN. It goes only into the mention
/// entity, never into text.
/// </param>
/// <param name="Name">The display name, written as <c>&lt;at&gt;Name&lt;/at&gt;</c> on the card's mention line.</param>
public sealed record TeamsMention(string Id, string Name);
