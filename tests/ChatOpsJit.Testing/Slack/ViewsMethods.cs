using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>views.open (a modal, against a fresh trigger id) and views.publish (a user's Home tab).</summary>
internal sealed class ViewsMethods(SlackDirectory directory, ViewStore views, TriggerIds triggers, BlockChecks checks, PayloadLog payloads)
{
    public void AddTo(WebApiMethods methods)
    {
        methods.Add("views.open", SlackCredential.BotToken, Open);
        methods.Add("views.publish", SlackCredential.BotToken, Publish);
    }

    private WebApiAnswer Open(JsonObject args)
    {
        if (checks.View(args["view"], "modal", out var view) is { } problem)
        {
            return WebApiAnswer.Error(problem);
        }

        // Checked after the view, so a refused view does not use up the trigger id.
        if (triggers.Exchange(SlackArgs.Text(args, "trigger_id")) is { } error)
        {
            return WebApiAnswer.Error(error);
        }

        payloads.View("modal", view!);
        return WebApiAnswer.Ok(new JsonObject { ["view"] = views.Open(view!) });
    }

    private WebApiAnswer Publish(JsonObject args)
    {
        var userId = SlackArgs.Text(args, "user_id") ?? "";
        if (directory.FindUser(userId) is not { } user || user.Id != userId)
        {
            return WebApiAnswer.Error("user_not_found");
        }

        if (checks.View(args["view"], "home", out var view) is { } problem)
        {
            return WebApiAnswer.Error(problem);
        }

        payloads.View("home", view!);
        return WebApiAnswer.Ok(new JsonObject { ["view"] = views.Publish(userId, view!) });
    }
}
