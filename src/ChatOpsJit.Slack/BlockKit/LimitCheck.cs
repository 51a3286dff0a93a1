using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>Collects limit problems, each prefixed with the JSON path it was found at.</summary>
internal sealed class LimitCheck
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Add(string path, string problem) => _problems.Add($"{path}: {problem}");

    /// <summary>The string a node holds, or null for anything else (a number, an object, nothing).</summary>
    public static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public void Length(string path, string text, int max)
    {
        if (text.Length > max)
        {
            Add(path, $"is {text.Length} characters; at most {max}");
        }
    }

    public void Count(string path, int count, int max, int min = 0)
    {
        if (count > max)
        {
            Add(path, $"has {count} items; at most {max}");
        }
        else if (count < min)
        {
            Add(path, $"has {count} items; at least {min}");
        }
    }

    /// <summary>A string field that may be left out but, when there, is a string within <paramref name="max"/>.</summary>
    public void OptionalString(string path, JsonNode? node, int max, bool mayBeEmpty)
    {
        if (node is not null)
        {
            RequiredString(path, node, max, mayBeEmpty);
        }
    }

    public void RequiredString(string path, JsonNode? node, int max, bool mayBeEmpty = false)
    {
        var text = StringOf(node);
        if (text is null)
        {
            Add(path, node is null ? "is missing" : "is not a string");
        }
        else if (!mayBeEmpty && text.Length == 0)
        {
            Add(path, "is empty");
        }
        else
        {
            Length(path, text, max);
        }
    }

    public void PlainText(string path, JsonNode? node, int max, bool required) => TextObject(path, node, max, required, plainOnly: true);

    /// <summary>A text object: <c>plain_text</c> (or <c>mrkdwn</c> unless <paramref name="plainOnly"/>) with non-blank text within <paramref name="max"/>.</summary>
    public void TextObject(string path, JsonNode? node, int max, bool required, bool plainOnly = false)
    {
        if (node is null)
        {
            if (required)
            {
                Add(path, "is missing");
            }
            return;
        }

        if (node is not JsonObject text)
        {
            Add(path, "is not a text object");
            return;
        }

        var type = StringOf(text["type"]);
        if (type is not ("plain_text" or "mrkdwn"))
        {
            Add($"{path}.type", $"is '{type}'; a text object is plain_text or mrkdwn");
        }
        else if (plainOnly && type != "plain_text")
        {
            Add($"{path}.type", "must be plain_text here");
        }

        var value = StringOf(text["text"]);
        if (value is null)
        {
            Add($"{path}.text", "is missing or not a string");
        }
        else if (SlackText.IsBlank(value))
        {
            Add($"{path}.text", "is empty");
        }
        else
        {
            Length($"{path}.text", value, Math.Min(max, BlockKitLimits.TextObject));
        }
    }
}
