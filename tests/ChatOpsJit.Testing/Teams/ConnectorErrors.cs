using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>The Bot Connector's error bodies: <c>{"error":{"code","message"}}</c> with the codes Teams documents per status.</summary>
internal static class ConnectorErrors
{
    public static HttpAnswer Error(int status, string code, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, code);

    public static HttpAnswer BadArgument(string message) => Error(400, "BadArgument", message);

    public static HttpAnswer BadSyntax(string message) => Error(400, "BadSyntax", message);

    public static HttpAnswer Unauthorized() => Error(401, "Unauthorized", "Authorization has been denied for this request.");

    public static HttpAnswer ConversationNotFound() => Error(404, "ConversationNotFound", "Conversation not found.");

    public static HttpAnswer ActivityNotFound() => Error(404, "ActivityNotFoundInConversation", "Activity not found in conversation.");

    public static HttpAnswer MemberNotFound() => Error(404, "MemberNotFoundInConversation", "The member could not be found in the conversation.");

    public static HttpAnswer TooBig() => Error(413, "MessageSizeTooBig", "Message size too large.");

    /// <summary>A user who never installed the bot, or removed or blocked it, in one of the two shapes Teams sends.</summary>
    public static HttpAnswer Blocked(TeamsBlockedAnswer shape) => shape switch
    {
        TeamsBlockedAnswer.ConversationBlockedByUser => Error(403, "ConversationBlockedByUser", "User blocked the conversation with the bot."),

        // Byte for byte the example in Microsoft's send-proactive-messages page: the detail is a JSON string inside "message".
        _ => new HttpAnswer(
            403,
            new JsonObject
            {
                ["errorCode"] = 209,
                ["message"] = "{\r\n  \"subCode\": \"MessageWritesBlocked\",\r\n  \"details\": \"Thread is blocked from message writes.\",\r\n  \"errorCode\": null,\r\n  \"errorSubCode\": null\r\n}",
            },
            "MessageWritesBlocked"),
    };

    /// <summary>What a fault a test asked for looks like: the code Teams' status table gives that status.</summary>
    public static HttpAnswer Fault(int status, TimeSpan? retryAfter)
    {
        var (code, message) = status switch
        {
            400 => ("BadArgument", "Bad argument (injected by the test)."),
            401 => ("Unauthorized", "Authorization has been denied for this request."),
            403 => ("Forbidden", "Forbidden (injected by the test)."),
            404 => ("NotFound", "Not found (injected by the test)."),
            412 => ("PreconditionFailed", "Precondition failed, please try again."),
            413 => ("MessageSizeTooBig", "Message size too large."),
            429 => ("Throttled", "Too many requests."),
            _ when status >= 500 => ("ServiceError", "Internal server error (injected by the test)."),
            _ => ("BadArgument", "Failure injected by the test."),
        };
        return Error(status, code, message) with { RetryAfter = retryAfter };
    }
}
