using System.Text.RegularExpressions;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>Slack user ids (<c>U…</c>, or <c>W…</c> on Enterprise Grid): the only text ever written inside a <c>&lt;@…&gt;</c> mention.</summary>
public static partial class SlackUserIds
{
    /// <summary>True for an id that can be written as <c>&lt;@id&gt;</c> without opening any other token (no <c>|</c>, <c>&gt;</c>, <c>!</c>, space).</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    // \z, not $: $ would let a trailing newline through.
    [GeneratedRegex(@"^[UW][A-Z0-9]{2,}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
