using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>What a block of a rendered card shows, which decides the order blocks are dropped in when a card is too long.</summary>
internal enum CardPartKind { Header, Text, Fields, Code, Mentions, Actions, Footer }

/// <summary>One block of a rendered card, tagged with what it shows.</summary>
internal sealed record CardPart(JsonObject Block, CardPartKind Kind)
{
    /// <summary>Said in place of what was dropped.</summary>
    public const string OmittedNote = "… more omitted: Slack shows at most 50 blocks in a message.";

    // The trailing fields go first: the header says what the card is and the buttons are what the reader acts on, so
    // they go last (the header never).
    private static readonly CardPartKind[] DropOrder =
        [CardPartKind.Fields, CardPartKind.Code, CardPartKind.Text, CardPartKind.Footer, CardPartKind.Mentions, CardPartKind.Actions];

    /// <summary>The blocks in order, at most <paramref name="max"/> of them: when too many, some are dropped and a note says so.</summary>
    public static JsonArray Fit(IReadOnlyList<CardPart> parts, int max)
    {
        var kept = parts.ToList();
        if (kept.Count > max)
        {
            foreach (var kind in DropOrder)
            {
                while (kept.Count > max - 1 && kept.FindLastIndex(p => p.Kind == kind) is var at and >= 0)
                {
                    kept.RemoveAt(at);
                }
            }

            var firstAction = kept.FindIndex(p => p.Kind == CardPartKind.Actions);
            kept.Insert(firstAction < 0 ? kept.Count : firstAction, new CardPart(CardBlocks.Context(OmittedNote), CardPartKind.Text));
        }
        return new JsonArray(kept.Select(p => (JsonNode)p.Block).ToArray());
    }
}
