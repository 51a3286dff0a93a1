using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>Where blocks are shown; Slack's limits differ (50 blocks in a message, 100 in a modal or the Home tab).</summary>
public enum BlockSurface { Message, Modal, Home }

/// <summary>Block Kit's published limits (chat-protocols.md section 5), checked the way Slack's API checks them.</summary>
/// <remarks>
/// Lengths are counted in UTF-16 code units, never fewer than the code points Slack's own SDK validators count, so what
/// passes here is not refused there for length. The renderer and the views build within these same numbers.
/// </remarks>
public static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int SurfaceBlocks = 100;
    public const int MessageText = 40000;
    public const int TextObject = 3000;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int BlockId = 255;
    public const int ActionsElements = 25;
    public const int ContextElements = 10;
    public const int ButtonText = 75;
    public const int ActionId = 255;
    public const int ButtonValue = 2000;
    public const int Url = 3000;
    public const int ConfirmTitle = 100;
    public const int ConfirmText = 300;
    public const int ConfirmButton = 30;
    public const int InputLabel = 2000;
    public const int InputHint = 2000;
    public const int Placeholder = 150;
    public const int InputMaxLength = 3000;
    public const int ViewTitle = 24;
    public const int ViewButton = 24;
    public const int PrivateMetadata = 3000;
    public const int CallbackId = 255;
    public const int Options = 100;
    public const int OptionText = 75;
    public const int OptionValue = 150;

    /// <summary>The most blocks <paramref name="surface"/> holds.</summary>
    public static int MaxBlocks(BlockSurface surface) => surface == BlockSurface.Message ? MessageBlocks : SurfaceBlocks;

    /// <summary>Every way <paramref name="blocks"/> breaks a limit, one line each; empty when Slack would accept them.</summary>
    public static IReadOnlyList<string> Problems(JsonArray blocks, BlockSurface surface)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var check = new LimitCheck();
        BlockChecks.Blocks(check, blocks, surface, "blocks");
        return check.Problems;
    }

    /// <summary>Every way a message's notification <paramref name="text"/> and its <paramref name="blocks"/> break a limit.</summary>
    public static IReadOnlyList<string> MessageProblems(string text, JsonArray blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var check = new LimitCheck();
        // Slack accepts blocks without text, but then notifications and screen readers have nothing to say.
        if (SlackText.IsBlank(text))
        {
            check.Add("text", "is empty");
        }
        else
        {
            check.Length("text", text, MessageText);
        }
        BlockChecks.Blocks(check, blocks, BlockSurface.Message, "blocks");
        return check.Problems;
    }

    /// <summary>Every way a modal or Home tab view breaks a limit: its own fields, then its blocks.</summary>
    public static IReadOnlyList<string> ViewProblems(JsonObject view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var check = new LimitCheck();
        var type = LimitCheck.StringOf(view["type"]);
        BlockSurface surface;
        switch (type)
        {
            case "modal":
                surface = BlockSurface.Modal;
                check.PlainText("title", view["title"], ViewTitle, required: true);
                check.PlainText("submit", view["submit"], ViewButton, required: false);
                check.PlainText("close", view["close"], ViewButton, required: false);
                if (view["submit"] is null && view["blocks"] is JsonArray withInputs && withInputs.Any(b => LimitCheck.StringOf(b?["type"]) == "input"))
                {
                    check.Add("submit", "is required when the view has an input block");
                }
                break;
            case "home":
                surface = BlockSurface.Home;
                break;
            default:
                check.Add("type", $"is '{type}'; a view is 'modal' or 'home'");
                return check.Problems;
        }

        check.OptionalString("private_metadata", view["private_metadata"], PrivateMetadata, mayBeEmpty: true);
        check.OptionalString("callback_id", view["callback_id"], CallbackId, mayBeEmpty: false);
        if (view["blocks"] is JsonArray blocks)
        {
            BlockChecks.Blocks(check, blocks, surface, "blocks");
        }
        else
        {
            check.Add("blocks", "is missing or not an array");
        }
        return check.Problems;
    }

    /// <summary>Every way an answer to a <c>block_suggestion</c> (options for an external select) breaks a limit.</summary>
    public static IReadOnlyList<string> OptionsProblems(JsonObject response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var check = new LimitCheck();
        if (response["options"] is not JsonArray options)
        {
            check.Add("options", "is missing or not an array");
            return check.Problems;
        }

        check.Count("options", options.Count, Options);
        for (var i = 0; i < options.Count; i++)
        {
            ElementChecks.Option(check, $"options[{i}]", options[i]);
        }
        return check.Problems;
    }
}
