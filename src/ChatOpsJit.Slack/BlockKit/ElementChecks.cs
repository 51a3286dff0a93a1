using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static ChatOpsJit.Slack.BlockKit.BlockKitLimits;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>The limits of the interactive elements the adapter draws (buttons, text inputs, selects) and of their parts.</summary>
internal static class ElementChecks
{
    public static void Element(LimitCheck check, string at, JsonNode? node)
    {
        if (node is not JsonObject element)
        {
            check.Add(at, "is not an object");
            return;
        }

        check.OptionalString($"{at}.action_id", element["action_id"], ActionId, mayBeEmpty: false);
        switch (LimitCheck.StringOf(element["type"]))
        {
            case "button":
                check.PlainText($"{at}.text", element["text"], ButtonText, required: true);
                check.OptionalString($"{at}.value", element["value"], ButtonValue, mayBeEmpty: false);
                check.OptionalString($"{at}.url", element["url"], Url, mayBeEmpty: false);
                check.OptionalString($"{at}.accessibility_label", element["accessibility_label"], ButtonText, mayBeEmpty: false);
                Style(check, $"{at}.style", element["style"]);
                Confirm(check, $"{at}.confirm", element["confirm"]);
                break;
            case "plain_text_input":
                check.PlainText($"{at}.placeholder", element["placeholder"], Placeholder, required: false);
                var min = Whole(check, $"{at}.min_length", element["min_length"], 0, InputMaxLength);
                var max = Whole(check, $"{at}.max_length", element["max_length"], 1, InputMaxLength);
                if (min > max)
                {
                    check.Add($"{at}.min_length", $"is {min}, more than max_length {max}");
                }
                break;
            case "external_select":
                check.PlainText($"{at}.placeholder", element["placeholder"], Placeholder, required: false);
                Whole(check, $"{at}.min_query_length", element["min_query_length"], 0, int.MaxValue);
                if (element["initial_option"] is { } initial)
                {
                    Option(check, $"{at}.initial_option", initial);
                }
                Confirm(check, $"{at}.confirm", element["confirm"]);
                break;
            case var type:
                check.Add($"{at}.type", $"'{type}' is not an element type this check knows");
                break;
        }
    }

    /// <summary>An option of a select: plain_text text and a value Slack sends back.</summary>
    public static void Option(LimitCheck check, string at, JsonNode? node)
    {
        if (node is not JsonObject option)
        {
            check.Add(at, "is not an object");
            return;
        }

        check.PlainText($"{at}.text", option["text"], OptionText, required: true);
        check.RequiredString($"{at}.value", option["value"], OptionValue);
        check.PlainText($"{at}.description", option["description"], OptionText, required: false);
    }

    // Slack's confirmation dialog needs all four texts.
    private static void Confirm(LimitCheck check, string at, JsonNode? node)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject confirm)
        {
            check.Add(at, "is not an object");
            return;
        }

        check.PlainText($"{at}.title", confirm["title"], ConfirmTitle, required: true);
        check.TextObject($"{at}.text", confirm["text"], ConfirmText, required: true);
        check.PlainText($"{at}.confirm", confirm["confirm"], ConfirmButton, required: true);
        check.PlainText($"{at}.deny", confirm["deny"], ConfirmButton, required: true);
        Style(check, $"{at}.style", confirm["style"]);
    }

    private static void Style(LimitCheck check, string at, JsonNode? node)
    {
        if (node is not null && LimitCheck.StringOf(node) is not ("primary" or "danger"))
        {
            check.Add(at, "must be primary or danger (leave it out for the default look)");
        }
    }

    // A whole number within [min, max] when present; its value (or null) for checks across fields.
    private static long? Whole(LimitCheck check, string at, JsonNode? node, long min, long max)
    {
        if (node is null)
        {
            return null;
        }

        // Read through the JSON text: a parsed node and one built from an int answer TryGetValue differently.
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number ||
            !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            check.Add(at, "is not a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            check.Add(at, $"is {number}; between {min} and {max}");
        }
        return number;
    }
}
