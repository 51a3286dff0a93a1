using System.Text.Json.Nodes;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Workflow;
using static ChatOpsJit.Slack.BlockKit.BlockKitLimits;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>The views the adapter opens or publishes (the request and prompt modals, the Home tab) and the options it answers with.</summary>
public static partial class SlackViews
{
    public const string RequestCallbackId = "access-request";
    public const string PromptCallbackId = "access-prompt";
    public const string NodeBlock = "node";
    public const string ReasonBlock = "reason";
    public const string DurationBlock = "duration";
    public const string InputBlock = "input";
    /// <summary>The action_id of every input, so a value is read as <c>state.values[block_id]["value"]</c>.</summary>
    public const string ValueAction = "value";

    private const string Cancel = "Cancel";
    private const string Confirm = "Confirm";

    /// <summary>The modal <c>/access</c> with no arguments opens: a node picked by search, a reason and an optional duration.</summary>
    /// <param name="privateMetadata">Comes back with the submission; at most 3000 characters, never cut since a cut would corrupt it.</param>
    /// <param name="initialNode">A node to preselect (say, the one typed after the command); left out when Slack could not carry it.</param>
    public static JsonObject RequestModal(string privateMetadata, string? initialNode = null)
    {
        RequireMetadata(privateMetadata);
        var node = new JsonObject
        {
            ["type"] = "external_select",
            ["action_id"] = ValueAction,
            // 0 asks for options as soon as the menu opens, before anything is typed.
            ["min_query_length"] = 0,
            ["placeholder"] = SlackText.PlainText("Search by id, Name or tag", Placeholder),
        };
        if (!SlackText.IsBlank(initialNode) && initialNode.Length <= OptionValue)
        {
            node["initial_option"] = Option(initialNode, initialNode);
        }

        return Modal(RequestCallbackId, "Request access", "Request", privateMetadata,
        [
            Input(NodeBlock, "Node", node, optional: false),
            Input(ReasonBlock, "Reason", new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = ValueAction,
                ["multiline"] = true,
                ["max_length"] = ReasonText.MaxLength,
                ["placeholder"] = SlackText.PlainText("Why you need access; the approvers read it", Placeholder),
            }, optional: false),
            Input(DurationBlock, "Duration", new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = ValueAction,
                ["placeholder"] = SlackText.PlainText("e.g. 1h or 30m (the policy's default when empty)", Placeholder),
            }, optional: true),
        ]);
    }

    /// <summary>The modal a button's prompt opens: its text, maybe one text input, and the confirm label as the submit button.</summary>
    /// <remarks>A title longer than a modal's 24 characters is cut there and shown whole as the first block.</remarks>
    public static JsonObject PromptModal(ActionPrompt prompt, string privateMetadata)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        RequireMetadata(privateMetadata);
        var title = SlackText.IsBlank(prompt.Title) ? Confirm : prompt.Title;
        var blocks = new List<JsonObject>();
        if (SlackText.Escape(title).Length > ViewTitle)
        {
            blocks.Add(new JsonObject { ["type"] = "header", ["text"] = SlackText.PlainText(title, HeaderText) });
        }

        if (!SlackText.IsBlank(prompt.Text))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = SlackText.Mrkdwn(SlackText.EscapeWithin(prompt.Text, SectionText), SectionText) });
        }

        if (prompt.Input is { } input)
        {
            var element = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = ValueAction };
            if (!SlackText.IsBlank(input.Placeholder))
            {
                element["placeholder"] = SlackText.PlainText(input.Placeholder, Placeholder);
            }
            if (input.MaxLength > 0)
            {
                element["max_length"] = Math.Min(input.MaxLength, InputMaxLength);
            }
            blocks.Add(Input(InputBlock, SlackText.IsBlank(input.Label) ? "Value" : input.Label, element, optional: !input.Required));
        }

        if (blocks.Count == 0)
        {
            // Slack wants at least one block; the title is the question.
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = SlackText.Mrkdwn(SlackText.EscapeWithin(title, SectionText), SectionText) });
        }

        var submit = SlackText.IsBlank(prompt.ConfirmLabel) ? Confirm : prompt.ConfirmLabel;
        return Modal(PromptCallbackId, title, submit, privateMetadata, blocks);
    }

    private static JsonObject Modal(string callbackId, string title, string submit, string privateMetadata, IEnumerable<JsonObject> blocks) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["title"] = SlackText.PlainText(title, ViewTitle),
        ["submit"] = SlackText.PlainText(submit, ViewButton),
        ["close"] = SlackText.PlainText(Cancel, ViewButton),
        ["private_metadata"] = privateMetadata,
        ["blocks"] = new JsonArray(blocks.Select(b => (JsonNode)b).ToArray()),
    };

    private static JsonObject Input(string blockId, string label, JsonObject element, bool optional)
    {
        var input = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = blockId,
            ["label"] = SlackText.PlainText(label, InputLabel),
            ["element"] = element,
        };
        if (optional)
        {
            input["optional"] = true;
        }
        return input;
    }

    private static void RequireMetadata(string privateMetadata)
    {
        ArgumentNullException.ThrowIfNull(privateMetadata);
        if (privateMetadata.Length > PrivateMetadata)
        {
            throw new ArgumentException($"private_metadata is {privateMetadata.Length} characters; Slack takes at most {PrivateMetadata}", nameof(privateMetadata));
        }
    }
}
