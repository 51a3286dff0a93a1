using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>A member of the stand-in's workspace, as users.info and users.lookupByEmail describe them.</summary>
public sealed record SlackUser(string Id, string Email, string Name, string RealName)
{
    internal JsonObject ToJson(string teamId) => new()
    {
        ["id"] = Id,
        ["team_id"] = teamId,
        ["name"] = Name,
        ["real_name"] = RealName,
        ["deleted"] = false,
        ["is_bot"] = false,
        ["profile"] = new JsonObject { ["email"] = Email, ["real_name"] = RealName, ["display_name"] = Name },
    };
}
