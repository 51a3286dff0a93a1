using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Teams.Auth;

/// <summary>
/// Reads an OpenID metadata document (for its <c>jwks_uri</c>) and a JWKS. The JWKS is read here, not by
/// <see cref="JsonWebKeySet"/>, so each key keeps the Bot Framework's <c>endorsements</c> array next to it.
/// </summary>
internal static class KeyDocuments
{
    /// <summary>The metadata's <c>jwks_uri</c>, or why it has none usable.</summary>
    public static (Uri? JwksUri, string? Problem) ReadMetadata(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("jwks_uri", out var jwks)
                || jwks.ValueKind != JsonValueKind.String)
            {
                return (null, "the metadata has no jwks_uri");
            }

            // On Unix "/keys" parses as an absolute file:// address, hence the scheme check.
            return Uri.TryCreate(jwks.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? (uri, null)
                : (null, "the metadata's jwks_uri is not an absolute http(s) address");
        }
        catch (JsonException)
        {
            return (null, "the metadata is not JSON");
        }
    }

    /// <summary>
    /// The RSA signing keys by <c>kid</c> (ordinal), and the entries skipped and why. A key without a kid, of another
    /// type or use, or whose kid appears twice (which endorsements would apply?) is left out.
    /// </summary>
    public static (IReadOnlyDictionary<string, SigningKey>? Keys, string? Problem, IReadOnlyList<string> Skipped) ReadKeys(string json)
    {
        var skipped = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keys)
                || keys.ValueKind != JsonValueKind.Array)
            {
                return (null, "the JWKS has no keys array", skipped);
            }

            var found = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
            var duplicated = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in keys.EnumerateArray())
            {
                var (key, why) = ReadKey(element);
                if (key is null)
                {
                    skipped.Add(why!);
                }
                else if (!found.TryAdd(key.KeyId, key))
                {
                    duplicated.Add(key.KeyId);
                }
            }

            foreach (var kid in duplicated)
            {
                found.Remove(kid);
                skipped.Add($"kid {kid} appears more than once");
            }

            return found.Count > 0 ? (found, null, skipped) : (null, "the JWKS has no usable RSA signing key", skipped);
        }
        catch (JsonException)
        {
            return (null, "the JWKS is not JSON", skipped);
        }
    }

    private static (SigningKey? Key, string? Why) ReadKey(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, "an entry is not an object");
        }

        var kid = Text(element, "kid");
        if (string.IsNullOrEmpty(kid))
        {
            return (null, "a key has no kid");
        }

        if (Text(element, "kty") != "RSA")
        {
            return (null, $"key {kid} is not an RSA key");
        }

        if (Text(element, "use") is { } use && use != "sig")
        {
            return (null, $"key {kid} is not for signatures");
        }

        if (string.IsNullOrEmpty(Text(element, "n")) || string.IsNullOrEmpty(Text(element, "e")))
        {
            return (null, $"key {kid} has no modulus or exponent");
        }

        if (element.TryGetProperty("d", out _))
        {
            return (null, $"key {kid} is a private key");
        }

        JsonWebKey jwk;
        try
        {
            jwk = new JsonWebKey(element.GetRawText());
        }
        catch (ArgumentException)
        {
            return (null, $"key {kid} cannot be read");
        }

        var endorsements = new List<string>();
        if (element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            endorsements.AddRange(list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }

        return (new SigningKey(kid, jwk, endorsements), null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
