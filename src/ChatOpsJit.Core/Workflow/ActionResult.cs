using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Workflow;

/// <summary>What became of a button press: one line for the presser, the card redrawn as it is now, and maybe a private card.</summary>
/// <param name="Card">The card the button sat on, redrawn (Teams answers a click with it).</param>
/// <param name="PrivateCard">A sensitive card only the presser may see (credentials); never posted or stored.</param>
public sealed record ActionResult(bool Ok, string Message, ChatCard? Card = null, ChatCard? PrivateCard = null)
{
    /// <summary>Set when the press is allowed but must be confirmed first; nothing changed yet.</summary>
    public ActionPrompt? Prompt { get; init; }

    public static ActionResult Refused(string message) => new(false, message);

    public static ActionResult Ask(ActionPrompt prompt) => new(true, prompt.Title) { Prompt = prompt };
}
