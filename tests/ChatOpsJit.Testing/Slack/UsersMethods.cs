using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>users.info and users.lookupByEmail over the stand-in's users.</summary>
internal sealed class UsersMethods(SlackDirectory directory, SlackStandInOptions options)
{
    public void AddTo(WebApiMethods methods)
    {
        methods.Add("users.info", SlackCredential.BotToken, Info);
        methods.Add("users.lookupByEmail", SlackCredential.BotToken, LookupByEmail);
    }

    private WebApiAnswer Info(JsonObject args)
    {
        var id = SlackArgs.Text(args, "user") ?? "";
        return directory.FindUser(id) is { } user && user.Id == id
            ? WebApiAnswer.Ok(new JsonObject { ["user"] = user.ToJson(options.TeamId) })
            : WebApiAnswer.Error("user_not_found");
    }

    private WebApiAnswer LookupByEmail(JsonObject args)
    {
        var email = SlackArgs.Text(args, "email") ?? "";

        // The error is users_not_found (plural), unlike users.info's user_not_found.
        return email.Contains('@') && directory.FindUser(email) is { } user
            ? WebApiAnswer.Ok(new JsonObject { ["user"] = user.ToJson(options.TeamId) })
            : WebApiAnswer.Error("users_not_found");
    }
}
