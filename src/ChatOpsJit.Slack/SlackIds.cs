using System.Text.RegularExpressions;

namespace ChatOpsJit.Slack;

/// <summary>The shapes of Slack's ids, so a value that is not one is never written into a mention or sent as one.</summary>
public static partial class SlackIds
{
    /// <summary>A user id: <c>U…</c>, or <c>W…</c> on Enterprise Grid.</summary>
    public static bool IsUser(string? id) => id is not null && UserId().IsMatch(id);

    [GeneratedRegex("^[UW][A-Z0-9]{2,20}$")]
    private static partial Regex UserId();
}
