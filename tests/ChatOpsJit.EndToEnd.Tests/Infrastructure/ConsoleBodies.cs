namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>The console API's reply, as a client reads it.</summary>
public sealed record ConsoleReplyBody(bool Ok, string? Error, CardBody? Reply, string? Message, CardBody? Card = null, PromptBody? Prompt = null);

/// <summary>What the host asks before a button that must be confirmed.</summary>
public sealed record PromptBody(string Title, string Text, string ConfirmLabel, PromptInputBody? Input);

/// <summary>The text field of a prompt.</summary>
public sealed record PromptInputBody(string Label, string Placeholder, bool Required, int MaxLength);

/// <summary>A card as the console API sends it.</summary>
public sealed record CardBody(
    string Title, string? Text, List<FieldBody>? Fields, string? Code, List<ActionBody>? Actions, string? Footer, string? Tone,
    List<MentionBody>? Mentions = null, bool Sensitive = false)
{
    public string? Field(string label) => Fields?.FirstOrDefault(f => f.Label == label)?.Value;
}

/// <summary>A card field.</summary>
public sealed record FieldBody(string Label, string Value);

/// <summary>A card button.</summary>
public sealed record ActionBody(string Verb, string Label, string RequestId, string? Audience, string? Style);

/// <summary>Someone a card is addressed to.</summary>
public sealed record MentionBody(string Name, string Kind);

/// <summary>The console transcript.</summary>
public sealed record TranscriptBody(long Revision, List<ConversationBody> Conversations)
{
    public ConversationBody? Conversation(string id) => Conversations.FirstOrDefault(c => c.Id == id);

    public List<EntryBody> Entries(string id) => Conversation(id)?.Entries ?? [];
}

/// <summary>A console conversation.</summary>
public sealed record ConversationBody(string Id, string Kind, string Name, List<EntryBody> Entries);

/// <summary>A console message.</summary>
public sealed record EntryBody(long Seq, CardBody Card, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Revision);
