using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>How the stand-in writes JSON: like Slack, without escaping &lt; &gt; &amp; and non-ASCII text, so test output stays readable.</summary>
internal static class StandInJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    public static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A copy of a node, so what a test reads cannot change under it and what it changes cannot change the stand-in.</summary>
    public static T Clone<T>(T node) where T : JsonNode => (T)node.DeepClone();
}
