using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>chat.postMessage, chat.update and chat.postEphemeral, with Slack's checks and errors.</summary>
internal sealed class ChatMethods(SlackDirectory directory, MessageStore messages, BlockChecks checks, PayloadLog payloads)
{
    /// <summary>Slack truncates text past 40,000 characters and refuses much longer (msg_too_long); the stand-in refuses past the limit.</summary>
    private const int MaxTextLength = 40_000;

    public void AddTo(WebApiMethods methods)
    {
        methods.Add("chat.postMessage", SlackCredential.BotToken, PostMessage);
        methods.Add("chat.update", SlackCredential.BotToken, Update);
        methods.Add("chat.postEphemeral", SlackCredential.BotToken, PostEphemeral);
    }

    private WebApiAnswer PostMessage(JsonObject args)
    {
        if (directory.ResolveChannel(SlackArgs.Text(args, "channel")) is not { } channel)
        {
            return WebApiAnswer.Error("channel_not_found");
        }

        if (Content(args, out var text, out var blocks) is { } refused)
        {
            return refused;
        }

        var message = messages.Post(channel, text, blocks, SlackArgs.Text(args, "thread_ts"));
        payloads.Message(text, blocks);
        return WebApiAnswer.Ok(new JsonObject { ["channel"] = channel, ["ts"] = message.Ts, ["message"] = messages.ToJson(message) });
    }

    private WebApiAnswer Update(JsonObject args)
    {
        if (directory.ResolveChannel(SlackArgs.Text(args, "channel")) is not { } channel)
        {
            return WebApiAnswer.Error("channel_not_found");
        }

        var ts = SlackArgs.Text(args, "ts") ?? "";
        if (messages.Message(channel, ts) is not { Deleted: false })
        {
            return WebApiAnswer.Error("message_not_found");
        }

        if (Content(args, out var text, out var blocks) is { } refused)
        {
            return refused;
        }

        var message = messages.Update(channel, ts, text, blocks, "chat.update")!;
        payloads.Message(message.Text, message.Blocks);
        return WebApiAnswer.Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = message.Text ?? "", ["message"] = messages.ToJson(message) });
    }

    private WebApiAnswer PostEphemeral(JsonObject args)
    {
        if (directory.ResolveChannel(SlackArgs.Text(args, "channel")) is not { } channel)
        {
            return WebApiAnswer.Error("channel_not_found");
        }

        if (directory.FindUser(SlackArgs.Text(args, "user") ?? "") is not { } user)
        {
            return WebApiAnswer.Error("user_not_found");
        }

        if (directory.MembersOf(channel) is { } members && !members.Contains(user.Id))
        {
            return WebApiAnswer.Error("user_not_in_channel");
        }

        if (Content(args, out var text, out var blocks) is { } refused)
        {
            return refused;
        }

        var ts = messages.PostEphemeral(channel, user.Id, text, blocks);
        payloads.Message(text, blocks);
        return WebApiAnswer.Ok(new JsonObject { ["message_ts"] = ts });
    }

    /// <summary>The text and blocks of a message, or Slack's refusal: bad blocks, nothing to show (no_text), or too much text.</summary>
    private WebApiAnswer? Content(JsonObject args, out string? text, out JsonArray? blocks)
    {
        text = SlackArgs.Text(args, "text");
        if (checks.MessageBlocks(args["blocks"], out blocks) is { } problem)
        {
            return WebApiAnswer.Error(problem);
        }

        if (string.IsNullOrEmpty(text) && blocks is not { Count: > 0 } && args["attachments"] is null)
        {
            return WebApiAnswer.Error("no_text");
        }

        return text is { Length: > MaxTextLength } ? WebApiAnswer.Error("msg_too_long") : null;
    }
}
