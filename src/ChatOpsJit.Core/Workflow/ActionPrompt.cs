namespace ChatOpsJit.Core.Workflow;

/// <summary>
/// What to ask the presser before the action runs: a platform shows it as a modal (Slack), a refreshed card (Teams) or a
/// dialog (console), then sends the press again confirmed, with what was typed into <see cref="Input"/>.
/// </summary>
public sealed record ActionPrompt(string Title, string Text, string ConfirmLabel, PromptInput? Input = null);

/// <summary>The one text field a prompt may carry.</summary>
public sealed record PromptInput(string Label, string Placeholder, bool Required, int MaxLength);
