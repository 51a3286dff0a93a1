namespace ChatOpsJit.Core.Workflow;

/// <summary>What came with a button press after its prompt: that the presser confirmed, and what they typed (a reason, a duration).</summary>
public sealed record ActionInput(bool Confirmed, string? Text = null)
{
    /// <summary>A confirmed press; typed commands count as confirmed, since typing them was the decision.</summary>
    public static ActionInput Confirm(string? text = null) => new(true, string.IsNullOrWhiteSpace(text) ? null : text.Trim());
}
