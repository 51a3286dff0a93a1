using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using static ChatOpsJit.Slack.BlockKit.BlockKitLimits;

namespace ChatOpsJit.Slack.BlockKit;

public static partial class SlackViews
{
    public const string WaitingHeader = "Waiting for your approval";
    public const string MineHeader = "Your requests";
    public const string NothingWaiting = "Nothing is waiting for your approval.";
    public const string NothingMine = "You have no access requests.";

    /// <summary>
    /// The Home tab: an optional notice, the cards waiting for the viewer's approval, then the viewer's own requests.
    /// Lists come newest first, as the store lists them; when the 100 blocks of a Home tab cannot hold them all, the
    /// oldest are left out and a line says how many and where to see them.
    /// </summary>
    public static JsonObject Home(ChatCard? notice, IReadOnlyList<ChatCard> mine, IReadOnlyList<ChatCard> waitingForMe)
    {
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(waitingForMe);
        var blocks = new List<JsonNode>();
        if (notice is not null)
        {
            blocks.AddRange(Detach(BlockKitRenderer.Blocks(notice, [], "notice-")));
            blocks.Add(Divider());
        }

        var waiting = Draw(waitingForMe, "wait");
        var own = Draw(mine, "mine");
        // Room for cards: what is left once the two headers, the divider between the lists and each list's closing line
        // (the empty note, or how many were left out) are kept back.
        var room = SurfaceBlocks - blocks.Count - 5;
        // When both lists overflow each gets half, so a long queue of approvals cannot hide the viewer's own requests;
        // room one list leaves unused goes to the other.
        var waitingRoom = Math.Max(room / 2, room - Need(own));
        room -= AddList(blocks, WaitingHeader, NothingWaiting, waiting, waitingRoom);
        blocks.Add(Divider());
        AddList(blocks, MineHeader, NothingMine, own, room);
        return new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray(blocks.ToArray()) };
    }

    // Each card's blocks, with a block id prefix per card so ids stay unique across the view.
    private static List<JsonArray> Draw(IReadOnlyList<ChatCard> cards, string prefix) =>
        cards.Select((card, i) => BlockKitRenderer.Blocks(card, [], $"{prefix}{i + 1}-")).ToList();

    // The blocks a list of drawn cards takes with a divider between cards.
    private static int Need(List<JsonArray> cards) => cards.Sum(c => c.Count) + Math.Max(0, cards.Count - 1);

    // The header, then as many cards as fit in room, newest first, then the closing line; returns the room used.
    private static int AddList(List<JsonNode> blocks, string header, string empty, List<JsonArray> cards, int room)
    {
        blocks.Add(new JsonObject { ["type"] = "header", ["text"] = SlackText.PlainText(header, HeaderText) });
        if (cards.Count == 0)
        {
            blocks.Add(CardBlocks.Context(empty));
            return 0;
        }

        var used = 0;
        var shown = 0;
        foreach (var card in cards)
        {
            var cost = card.Count + (shown == 0 ? 0 : 1);
            if (used + cost > room)
            {
                break;
            }

            if (shown > 0)
            {
                blocks.Add(Divider());
            }
            blocks.AddRange(Detach(card));
            used += cost;
            shown++;
        }

        if (shown < cards.Count)
        {
            blocks.Add(CardBlocks.Context($"… {cards.Count - shown} more; type /access list"));
        }
        return used;
    }

    // A node belongs to one array; the view takes the card's blocks over.
    private static IEnumerable<JsonNode> Detach(JsonArray blocks)
    {
        var nodes = blocks.Select(b => b!).ToList();
        blocks.Clear();
        return nodes;
    }

    private static JsonObject Divider() => new() { ["type"] = "divider" };
}
