using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Serialization;

/// <summary>The one JSON shape for core records wherever they are stored or sent: camelCase, enums as names.</summary>
public static class CoreJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        // Converters in the options win over a type's own [JsonConverter], so the card verb's lowercase wire form goes first.
        options.Converters.Add(new CardVerbJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"expected a {typeof(T).Name}, found null");
}
