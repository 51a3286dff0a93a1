using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Every blocks payload and view Slack accepted, so tests can type-check what the app really sent.</summary>
internal sealed class PayloadLog
{
    private readonly Recorded<(string Kind, JsonNode Payload)> _payloads = new(p => $"{p.Kind} {p.Payload.ToJsonString()}");

    /// <summary>A message with blocks, recorded as {"text":…,"blocks":[…]}; a text-only message has nothing to type-check.</summary>
    public void Message(string? text, JsonArray? blocks)
    {
        if (blocks is { Count: > 0 })
        {
            _payloads.Add(("message", new JsonObject { ["text"] = text ?? "", ["blocks"] = blocks.DeepClone() }));
        }
    }

    /// <summary>A view: kind "modal" or "home".</summary>
    public void View(string kind, JsonObject view) => _payloads.Add((kind, view.DeepClone()));

    public IReadOnlyList<(string Kind, JsonNode Payload)> Snapshot() => _payloads.Snapshot();
}
