namespace ChatOpsJit.Testing.Teams;

/// <summary>A standard channel and the team it belongs to; the bot is installed in the team and every user is a member.</summary>
/// <param name="ConversationId">"19:…@thread.tacv2": the channel's conversation id; a thread in it is "{ConversationId};messageid={root}".</param>
/// <param name="TeamId">"19:…@thread.tacv2": the team's id (channelData.team.id).</param>
public sealed record TeamsChannel(string ConversationId, string TeamId, string Name);
