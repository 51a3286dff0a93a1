using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Commands;

/// <summary>The answer to a chat command, shown only to the person who typed it.</summary>
/// <param name="Problem">For an error, what was wrong on its own (without "Sorry: "), for a surface that shows it its own way, under a form field say.</param>
public sealed record CommandReply(ChatCard Card, bool IsError = false, string? Problem = null)
{
    public static CommandReply Error(string message, string? example = null) => new(new ChatCard
    {
        Title = "Sorry: " + message,
        Text = example is null ? "" : $"For example: {example}",
        Tone = CardTone.Bad,
    }, true, message);

    /// <summary>For text that is no command: what was wrong, then the one-line usage.</summary>
    public static CommandReply Usage(string message) => new(new ChatCard
    {
        Title = "Sorry: " + message,
        Text = HelpText.UsageLine,
        Tone = CardTone.Bad,
    }, true, message);

    public static CommandReply Info(string title, string text = "") => new(new ChatCard { Title = title, Text = text });
}
