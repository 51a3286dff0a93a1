using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Workflow;
using static ChatOpsJit.Teams.Cards.AdaptiveElements;

namespace ChatOpsJit.Teams.Cards;

/// <summary>Draws a <see cref="ChatCard"/>, a prompt or a short message as an Adaptive Card 1.5 that Teams accepts and shows as the core meant it.</summary>
/// <remarks>
/// Every text of a card is user text: it is drawn in TextRuns, which Teams never reads as Markdown, and neutralized by
/// <see cref="TeamsText"/> besides; only the renderer's own mention line is a TextBlock, and only it holds
/// <c>&lt;at&gt;</c>. Buttons are Action.Execute with an Action.Submit fallback inside ActionSets in the body, as Teams
/// advises for older clients; the card has no top-level <c>actions</c>. A sensitive card is drawn the same way: the
/// adapter sends it only to its person, and nothing here logs.
/// </remarks>
public static class AdaptiveCardRenderer
{
    /// <summary>The highest version Teams renders, and the one Universal Actions need.</summary>
    public const string Version = "1.5";

    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>The attachment content type of an Adaptive Card.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    // Tried in turn until the card fits CardSize.Budget: each divides every text limit.
    private static readonly int[] Divisors = [1, 2, 4, 8, 16, 32, 64];

    /// <summary>
    /// The card's content object for <paramref name="rendering"/>'s view, whose attachment (<see cref="Attachment"/>) stays
    /// below <see cref="CardSize.Budget"/>: texts are cut as far as needed, and said to be, and a card still too big keeps
    /// only its title and buttons.
    /// </summary>
    public static JsonObject Render(ChatCard card, CardRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(rendering);
        foreach (var divisor in Divisors)
        {
            var drawn = Draw(card, rendering, CardLimits.Full.Divided(divisor), shortened: divisor > 1);
            if (Fits(drawn))
            {
                return drawn;
            }
        }

        return TooLarge(card, rendering);
    }

    /// <summary>The attachment an activity carries: <c>{"contentType": …, "content": card}</c>; a card already attached elsewhere is copied.</summary>
    public static JsonObject Attachment(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject { ["contentType"] = ContentType, ["content"] = card.Parent is null ? card : card.DeepClone() };
    }

    /// <summary>
    /// The prompt the core asks before <paramref name="verb"/> on <paramref name="requestId"/>: its title and text, an
    /// <c>Input.Text</c> with id <c>text</c> when it has an input, a confirm button (the verb, data
    /// <c>{requestId, confirmed: true}</c> plus the field) and Cancel (verb <c>refresh</c>, which redraws the card).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="requestId"/> is no request id (blank, over 128 characters, not printable ASCII).</exception>
    public static JsonObject Prompt(ActionPrompt prompt, CardVerb verb, string requestId)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (!CardLimits.IsId(requestId))
        {
            throw new ArgumentException("a prompt is for a request the core found: its id is printable ASCII of at most 128 characters", nameof(requestId));
        }

        return Card(PromptCard.Body(prompt, verb, requestId), entities: [], refresh: null);
    }

    /// <summary>A one-line card (a RichTextBlock, so nothing in it is Markdown): what a press did, or with <paramref name="problem"/> why it was refused.</summary>
    public static JsonObject Message(string text, bool problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = TeamsText.IsBlank(text) ? (problem ? "That did not work." : "Done.") : text;
        var style = new RunStyle(Weight: problem ? "Bolder" : null, Color: problem ? "Attention" : null);
        return Card(Lines(TeamsText.Truncate(shown, CardLimits.Full.Text), style, TeamsText.Run, CardLimits.Full.TextLines), entities: [], refresh: null);
    }

    private static JsonObject Draw(ChatCard card, CardRendering rendering, CardLimits limits, bool shortened)
    {
        var body = new List<JsonObject> { CardBody.Title(card, limits) };
        body.AddRange(CardBody.Text(card, limits));
        body.AddRange(CardBody.Fields(card, limits));
        if (CardBody.Code(card, limits) is { } code)
        {
            body.Add(code);
        }

        var (line, entities) = CardMentions.Build(card, rendering, limits);
        if (line is not null)
        {
            body.Add(line);
        }

        var (sets, leftOut) = CardButtons.ActionSets(card, rendering, limits);
        body.AddRange(sets);
        if (leftOut > 0)
        {
            body.Add(CardBody.Note($"{leftOut} more buttons are not shown."));
        }

        body.AddRange(CardBody.Footer(card, limits));
        if (shortened)
        {
            body.Add(CardBody.Note("Some text was shortened to fit in Teams."));
        }

        return Card(body, entities, CardButtons.Refresh(card, rendering));
    }

    // The title, a note and the buttons with the shortest titles: by construction far below the budget (30 buttons and
    // 60 refresh ids of at most 128 ASCII characters each); without even the buttons should that ever be wrong.
    private static JsonObject TooLarge(ChatCard card, CardRendering rendering)
    {
        var limits = CardLimits.Full.Divided(int.MaxValue);
        var note = CardBody.Note("This card is too large for Teams; only its title and buttons are shown.");
        var (sets, _) = CardButtons.ActionSets(card, rendering, limits);
        var withButtons = Card([CardBody.Title(card, limits), note, .. sets], entities: [], CardButtons.Refresh(card, rendering));
        return Fits(withButtons) ? withButtons : Card([CardBody.Title(card, limits), note], entities: [], refresh: null);
    }

    private static bool Fits(JsonObject card)
    {
        var attachment = Attachment(card);
        var bytes = CardSize.Utf16Bytes(attachment);
        attachment.Remove("content");
        return bytes < CardSize.Budget;
    }

    private static JsonObject Card(IEnumerable<JsonObject> body, List<JsonObject> entities, JsonObject? refresh)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = Version,
            ["body"] = Array(body),
        };
        if (refresh is not null)
        {
            card["refresh"] = refresh;
        }

        // Full width uses the whole message pane; entities hold the mention line's people.
        var msteams = new JsonObject { ["width"] = "Full" };
        if (entities.Count > 0)
        {
            msteams["entities"] = Array(entities);
        }
        card["msteams"] = msteams;
        return card;
    }
}
