using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>conversations.open: the bot's DM with a user (or a group DM with several), the same id every time.</summary>
internal sealed class ConversationsMethods(SlackDirectory directory)
{
    public void AddTo(WebApiMethods methods) => methods.Add("conversations.open", SlackCredential.BotToken, Open);

    private WebApiAnswer Open(JsonObject args)
    {
        var users = (SlackArgs.Text(args, "users") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (users.Length == 0)
        {
            return WebApiAnswer.Error("users_list_not_supplied");
        }

        // Slack takes 1 to 8 users besides the caller.
        if (users.Length > 8)
        {
            return WebApiAnswer.Error("too_many_users");
        }

        if (users.Any(u => directory.FindUser(u) is not { } found || found.Id != u))
        {
            return WebApiAnswer.Error("user_not_found");
        }

        var (id, alreadyOpen) = directory.Open(users);
        var answer = new JsonObject();
        if (alreadyOpen)
        {
            // What Slack answers when the conversation was open already.
            answer["no_op"] = true;
            answer["already_open"] = true;
        }

        answer["channel"] = new JsonObject { ["id"] = id };
        return WebApiAnswer.Ok(answer);
    }
}
