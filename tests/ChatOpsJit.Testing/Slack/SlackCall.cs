using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>One Web API call as the stand-in received and answered it.</summary>
/// <param name="Arguments">
/// The query string and the JSON or form body merged, blocks/view/attachments sent as JSON strings parsed back to
/// JSON, and any token left out.
/// </param>
/// <param name="StatusCode">The HTTP status answered; 0 when the caller gave up before the answer (see Delay).</param>
/// <param name="Response">The JSON answered, null when the caller gave up first.</param>
public sealed record SlackCall(
    int Sequence,
    string Method,
    JsonObject Arguments,
    bool HadAuthorizationHeader,
    SlackCredential Credential,
    string ContentType,
    DateTimeOffset ReceivedAt,
    int StatusCode,
    JsonObject? Response)
{
    /// <summary>Who called, when the call came through <see cref="SlackStandIn.ApiBaseUrlFor"/>; null through the plain base URL.</summary>
    public string? Caller { get; init; }

    public bool Ok => Response?["ok"]?.GetValue<bool>() == true;

    /// <summary>Slack's error code (invalid_auth, channel_not_found…), null on success.</summary>
    public string? Error => Response?["error"]?.GetValue<string>();

    /// <summary>A string argument, or null when absent.</summary>
    public string? Arg(string name) => SlackArgs.Text(Arguments, name);

    public override string ToString() => $"#{Sequence} {(Caller is null ? "" : Caller + " ")}{Method} → {StatusCode} {(Ok ? "ok" : Error ?? "no answer")}";
}
