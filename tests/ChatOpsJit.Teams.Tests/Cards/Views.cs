using ChatOpsJit.Teams.Cards;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>The views a card is drawn in: as a DM, for everyone in the channel, and for an approver's refresh.</summary>
internal static class Views
{
    public static readonly TeamsMention Lee = new("29:1lee-mri", "Lee Lead");
    public static readonly TeamsMention Sam = new("9d3e08f9-0000-4000-8000-000000000001", "Sam Sre");
    public static readonly string[] ApproverIds = ["29:1lee-mri", "29:1sam-mri"];

    public static readonly CardRendering Everyone = CardRendering.ForEveryone([Lee, Sam], ApproverIds);
    public static readonly CardRendering Approver = CardRendering.ForApprover([Lee, Sam], ApproverIds);

    public static IEnumerable<(string Name, CardRendering Rendering)> All()
    {
        yield return ("full", CardRendering.Full);
        yield return ("everyone", Everyone);
        yield return ("approver", Approver);
    }
}
