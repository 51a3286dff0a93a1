using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>One Bot Connector request as the stand-in received and answered it; the bearer token itself is never kept.</summary>
/// <param name="Path">The path with conversation ids decoded ("/teams/v3/conversations/a:1…/activities").</param>
/// <param name="ServiceUrl">The serviceUrl the call was made under ("{base}/teams/", or a regional one).</param>
/// <param name="ConversationId">The decoded conversation id of the path, when it has one.</param>
/// <param name="ActivityId">The activity id of the path (reply-to, update, delete), or the one the stand-in assigned to a new message.</param>
/// <param name="Body">The JSON body, null when there was none or it did not parse.</param>
/// <param name="HadAuthorization">Whether an Authorization header came at all.</param>
/// <param name="AuthValid">Whether it was "Bearer" and a token the stand-in issued that had not lapsed.</param>
/// <param name="ErrorCode">The error code answered (ConversationNotFound, MessageWritesBlocked, Throttled…), null on success.</param>
public sealed record ConnectorCall(
    int Sequence,
    string Method,
    string Path,
    string ServiceUrl,
    string? ConversationId,
    string? ActivityId,
    JsonNode? Body,
    int Status,
    bool HadAuthorization,
    bool AuthValid,
    string? ErrorCode,
    JsonNode? Response,
    DateTimeOffset ReceivedAt)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public override string ToString() => $"#{Sequence} {Method} {Path} → {Status}{(ErrorCode is null ? "" : " " + ErrorCode)}{(AuthValid ? "" : " (unauthorized)")}";
}
