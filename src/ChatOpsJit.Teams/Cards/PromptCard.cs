using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Workflow;
using static ChatOpsJit.Teams.Cards.AdaptiveElements;

namespace ChatOpsJit.Teams.Cards;

/// <summary>
/// The core's <see cref="ActionPrompt"/> as the card that replaces a card for the presser: the question, maybe one text
/// field, and Confirm / Cancel. Confirm presses the verb again, confirmed; Cancel asks for the card as it stands.
/// </summary>
internal static class PromptCard
{
    /// <summary>The id of the text field: its value reaches the bot as <c>data.text</c>.</summary>
    public const string InputId = "text";

    private const string Confirm = "Confirm";
    private const string Cancel = "Cancel";
    private const string UnnamedInput = "Value";
    // Past this many characters a field gets several lines, so a reason can be read back whole while typed.
    private const int SingleLineMax = 64;

    public static IEnumerable<JsonObject> Body(ActionPrompt prompt, CardVerb verb, string requestId)
    {
        var limits = CardLimits.Full;
        var title = TeamsText.IsBlank(prompt.Title) ? Confirm : OneLine(prompt.Title);
        yield return RichText(TeamsText.Run(TeamsText.Truncate(title, limits.Title)), new RunStyle(Size: "Medium", Weight: "Bolder"));

        if (!TeamsText.IsBlank(prompt.Text))
        {
            foreach (var line in Lines(TeamsText.Truncate(prompt.Text, limits.Text), RunStyle.Normal, TeamsText.Run, limits.TextLines))
            {
                yield return line;
            }
        }

        if (prompt.Input is { } input)
        {
            yield return Input(input);
        }

        var confirmed = new JsonObject { ["requestId"] = requestId, ["confirmed"] = true };
        var danger = verb is CardVerb.Reject or CardVerb.RejectExtension or CardVerb.Revoke;
        var confirmLabel = TeamsText.IsBlank(prompt.ConfirmLabel) ? Confirm : OneLine(prompt.ConfirmLabel);
        yield return ActionSet(
        [
            CardButtons.Execute(TeamsText.Truncate(confirmLabel, limits.Button), verb.WireName(), confirmed, danger ? "destructive" : "positive"),
            // Cancel neither sends the field nor waits for a required one to be filled.
            CardButtons.Execute(Cancel, CardButtons.RefreshVerb, new JsonObject { ["requestId"] = requestId }, style: null, associatedInputs: "none"),
        ]);
    }

    // Microsoft's renderer draws the label as a TextRun (no Markdown); a required field needs a label and an error
    // message, which its validator asks for and screen readers announce.
    private static JsonObject Input(PromptInput input)
    {
        var label = TeamsText.IsBlank(input.Label) ? UnnamedInput : OneLine(input.Label);
        var field = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = InputId,
            ["label"] = TeamsText.Run(TeamsText.Truncate(label, CardLimits.Full.Label)),
            ["isRequired"] = input.Required,
        };
        if (!TeamsText.IsBlank(input.Placeholder))
        {
            field["placeholder"] = TeamsText.Run(TeamsText.Truncate(OneLine(input.Placeholder), CardLimits.Full.Label));
        }
        if (input.MaxLength > 0)
        {
            field["maxLength"] = input.MaxLength;
            field["isMultiline"] = input.MaxLength > SingleLineMax;
        }
        if (input.Required)
        {
            // Unlike the label, Microsoft's renderer draws the error message as a TextBlock, Markdown and all.
            field["errorMessage"] = TeamsText.Plain($"{TeamsText.Truncate(label, CardLimits.Full.Label)} is required.");
        }
        return field;
    }

    private static string OneLine(string text) => string.Join(' ', TeamsText.Lines(text.Trim()));
}
