using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsJit.Core.Chat;

/// <summary>A chat platform's name (<c>console</c>, <c>slack</c>, <c>teams</c>): the key of policies' <c>channels</c> and of deliveries.</summary>
[JsonConverter(typeof(PlatformNameJsonConverter))]
public readonly record struct PlatformName
{
    private readonly string? _value;

    public PlatformName(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        // Lowercase, so 'Slack' in a policy file and 'slack' from an adapter are the same platform.
        _value = value.Trim().ToLowerInvariant();
    }

    public static PlatformName Console { get; } = new("console");

    public static PlatformName Slack { get; } = new("slack");

    public static PlatformName Teams { get; } = new("teams");

    public string Value => _value ?? "";

    public override string ToString() => Value;
}

/// <summary>Writes a <see cref="PlatformName"/> as its string, also as a dictionary key.</summary>
public sealed class PlatformNameJsonConverter : JsonConverter<PlatformName>
{
    public override PlatformName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("a platform name cannot be null"));

    public override void Write(Utf8JsonWriter writer, PlatformName value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

    public override PlatformName ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("a platform name cannot be null"));

    public override void WriteAsPropertyName(Utf8JsonWriter writer, PlatformName value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
