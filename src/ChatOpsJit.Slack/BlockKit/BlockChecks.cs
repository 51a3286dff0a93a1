using System.Text.Json.Nodes;
using static ChatOpsJit.Slack.BlockKit.BlockKitLimits;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>The limits of each block type the adapter draws; an unknown type is itself a problem, so a typo cannot pass.</summary>
internal static class BlockChecks
{
    public static void Blocks(LimitCheck check, JsonArray blocks, BlockSurface surface, string path)
    {
        var max = MaxBlocks(surface);
        if (blocks.Count > max)
        {
            check.Add(path, $"has {blocks.Count} blocks; a {surface.ToString().ToLowerInvariant()} holds at most {max}");
        }

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (blocks[i] is not JsonObject block)
            {
                check.Add(at, "is not an object");
                continue;
            }

            if (block["block_id"] is { } idNode)
            {
                check.RequiredString($"{at}.block_id", idNode, BlockId);
                if (LimitCheck.StringOf(idNode) is { Length: > 0 } id && !blockIds.Add(id))
                {
                    check.Add($"{at}.block_id", $"'{id}' is used by an earlier block");
                }
            }

            Block(check, block, at);
        }
    }

    private static void Block(LimitCheck check, JsonObject block, string at)
    {
        switch (LimitCheck.StringOf(block["type"]))
        {
            case "section":
                Section(check, block, at);
                break;
            case "header":
                check.PlainText($"{at}.text", block["text"], HeaderText, required: true);
                break;
            case "actions":
                Actions(check, block, at);
                break;
            case "context":
                Context(check, block, at);
                break;
            case "input":
                check.PlainText($"{at}.label", block["label"], InputLabel, required: true);
                check.PlainText($"{at}.hint", block["hint"], InputHint, required: false);
                if (block["element"] is null)
                {
                    check.Add($"{at}.element", "is missing");
                }
                else
                {
                    ElementChecks.Element(check, $"{at}.element", block["element"]);
                }
                break;
            case "divider":
                break;
            case var type:
                check.Add($"{at}.type", $"'{type}' is not a block type this check knows");
                break;
        }
    }

    private static void Section(LimitCheck check, JsonObject block, string at)
    {
        check.TextObject($"{at}.text", block["text"], SectionText, required: false);
        if (block["fields"] is { } fieldsNode)
        {
            if (fieldsNode is JsonArray fields)
            {
                check.Count($"{at}.fields", fields.Count, SectionFields, min: 1);
                for (var i = 0; i < fields.Count; i++)
                {
                    check.TextObject($"{at}.fields[{i}]", fields[i], FieldText, required: true);
                }
            }
            else
            {
                check.Add($"{at}.fields", "is not an array");
            }
        }

        if (block["text"] is null && block["fields"] is null)
        {
            check.Add(at, "a section needs text or fields");
        }

        if (block["accessory"] is { } accessory)
        {
            ElementChecks.Element(check, $"{at}.accessory", accessory);
        }
    }

    private static void Actions(LimitCheck check, JsonObject block, string at)
    {
        if (block["elements"] is not JsonArray elements)
        {
            check.Add($"{at}.elements", "is missing or not an array");
            return;
        }

        check.Count($"{at}.elements", elements.Count, ActionsElements, min: 1);
        // Slack tells the presses in a block apart by action_id alone.
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            ElementChecks.Element(check, $"{at}.elements[{i}]", elements[i]);
            if (LimitCheck.StringOf(elements[i]?["action_id"]) is { Length: > 0 } id && !actionIds.Add(id))
            {
                check.Add($"{at}.elements[{i}].action_id", $"'{id}' is used by an earlier element of the block");
            }
        }
    }

    private static void Context(LimitCheck check, JsonObject block, string at)
    {
        if (block["elements"] is not JsonArray elements)
        {
            check.Add($"{at}.elements", "is missing or not an array");
            return;
        }

        check.Count($"{at}.elements", elements.Count, ContextElements, min: 1);
        for (var i = 0; i < elements.Count; i++)
        {
            var element = $"{at}.elements[{i}]";
            if (LimitCheck.StringOf(elements[i]?["type"]) == "image")
            {
                check.RequiredString($"{element}.image_url", elements[i]?["image_url"], Url);
                check.RequiredString($"{element}.alt_text", elements[i]?["alt_text"], TextObject);
            }
            else
            {
                check.TextObject(element, elements[i], TextObject, required: true);
            }
        }
    }
}
