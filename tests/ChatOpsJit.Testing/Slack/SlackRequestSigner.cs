using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Signs requests to the app exactly as Slack does.</summary>
/// <remarks>
/// X-Slack-Signature = "v0=" + lowercase hex of HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}"), with the
/// Unix timestamp in X-Slack-Request-Timestamp.
/// </remarks>
public static class SlackRequestSigner
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    public static (string Timestamp, string Signature) Sign(string signingSecret, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return (timestamp, "v0=" + Convert.ToHexStringLower(mac));
    }

    /// <summary>A form body as Slack writes one: fields in the given order, spaces as '+', other reserved characters as %XX.</summary>
    public static string FormBody(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value)}"));

    /// <summary>A signed form POST: what Slack sends for a slash command.</summary>
    public static HttpRequestMessage SignedForm(string url, string signingSecret, IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset at) =>
        Signed(url, signingSecret, FormBody(fields), "application/x-www-form-urlencoded", at);

    /// <summary>A signed interaction (block_actions, view_submission, block_suggestion): a form with one field, payload, holding JSON.</summary>
    public static HttpRequestMessage SignedInteraction(string url, string signingSecret, JsonObject payload, DateTimeOffset at) =>
        SignedForm(url, signingSecret, [new("payload", payload.ToJsonString())], at);

    /// <summary>A signed JSON POST: what the Events API sends (url_verification, event_callback).</summary>
    public static HttpRequestMessage SignedJson(string url, string signingSecret, JsonObject body, DateTimeOffset at) =>
        Signed(url, signingSecret, body.ToJsonString(), "application/json", at);

    /// <summary>Marks a request as an Events API retry, as Slack's headers do (attempts 1 to 3).</summary>
    public static HttpRequestMessage AsRetry(this HttpRequestMessage request, int retryNum, string reason = "http_timeout")
    {
        request.Headers.Add("X-Slack-Retry-Num", retryNum.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Retry-Reason", reason);
        return request;
    }

    private static HttpRequestMessage Signed(string url, string signingSecret, string body, string mediaType, DateTimeOffset at)
    {
        var (timestamp, signature) = Sign(signingSecret, body, at);

        // The signature covers these exact bytes, so the content is the bytes, not a content type that might re-encode.
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, signature);
        return request;
    }
}
