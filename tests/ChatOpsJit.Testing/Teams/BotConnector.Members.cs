using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>GET v3/conversations/{id}/members[/{userId}]: the TeamsChannelAccount of each member, found by 29: id, object id or UPN.</summary>
internal sealed partial class BotConnector
{
    private HttpAnswer Members(string conversationId) =>
        MembersOf(conversationId) is { } members
            ? HttpAnswer.Ok(new JsonArray(members.Select(u => (JsonNode?)Account(u)).ToArray()))
            : ConnectorErrors.ConversationNotFound();

    private HttpAnswer PagedMembers(string conversationId) =>
        MembersOf(conversationId) is { } members
            ? HttpAnswer.Ok(new JsonObject { ["members"] = new JsonArray(members.Select(u => (JsonNode?)Account(u)).ToArray()) })
            : ConnectorErrors.ConversationNotFound();

    private HttpAnswer Member(string conversationId, string userId)
    {
        if (MembersOf(conversationId) is not { } members)
        {
            return ConnectorErrors.ConversationNotFound();
        }

        return directory.Find(userId) is { } user && members.Contains(user) ? HttpAnswer.Ok(Account(user)) : ConnectorErrors.MemberNotFound();
    }

    /// <summary>A 1:1 chat has its user; every channel and team has everyone.</summary>
    private IReadOnlyList<TeamsUser>? MembersOf(string conversationId) => Resolve(conversationId) switch
    {
        null => null,
        { Owner: { } owner } => [owner],
        _ => directory.Users,
    };

    private JsonObject Account(TeamsUser user) => new()
    {
        ["id"] = user.Id,
        ["name"] = user.Name,
        ["objectId"] = user.AadObjectId,
        ["givenName"] = user.GivenName,
        ["surname"] = user.Surname,
        ["email"] = user.Email,
        ["userPrincipalName"] = user.UserPrincipalName,
        ["tenantId"] = tenantId,
        ["userRole"] = "user",
    };
}
