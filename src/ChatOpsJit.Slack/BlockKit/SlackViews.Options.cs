using System.Text.Json.Nodes;
using static ChatOpsJit.Slack.BlockKit.BlockKitLimits;

namespace ChatOpsJit.Slack.BlockKit;

public static partial class SlackViews
{
    /// <summary>
    /// The answer to a <c>block_suggestion</c> for the node menu: at most 100 options, each value once. A value Slack
    /// could not carry (blank, longer than 150) is left out rather than cut, since a cut value would name another node.
    /// </summary>
    public static JsonObject OptionsResponse(IEnumerable<(string Text, string Value)> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = options
            .Where(o => !SlackText.IsBlank(o.Value) && o.Value.Length <= OptionValue && seen.Add(o.Value))
            .Take(Options)
            .Select(o => (JsonNode)Option(SlackText.IsBlank(o.Text) ? o.Value : o.Text, o.Value));
        return new JsonObject { ["options"] = new JsonArray(kept.ToArray()) };
    }

    private static JsonObject Option(string text, string value) => new()
    {
        ["text"] = SlackText.PlainText(text, OptionText),
        ["value"] = value,
    };
}
