using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsJit.Testing.Slack;

/// <summary>A Web API request read the way Slack reads it.</summary>
/// <remarks>
/// Arguments come from the query string and from a JSON or a form body; the token from the Authorization header, or
/// (form bodies only) from a token field.
/// </remarks>
internal sealed record WebApiRequest(
    string Method,
    JsonObject Arguments,
    string? BearerToken,
    string? FormToken,
    bool HadAuthorizationHeader,
    string ContentType,
    string? BodyError,
    bool MissingCharset)
{
    public static async Task<WebApiRequest> ReadAsync(HttpContext context, string method)
    {
        var args = new JsonObject();
        foreach (var (name, values) in context.Request.Query)
        {
            args[name] = values.ToString();
        }

        var contentType = context.Request.ContentType ?? "";
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var (bodyError, missingCharset) = ReadBody(contentType, body, args);

        // JSON bodies only authenticate through the header (Slack ignores a token field there); forms may carry one.
        string? formToken = null;
        if (!IsJson(contentType))
        {
            formToken = SlackArgs.Text(args, "token");
        }

        args.Remove("token");
        SlackArgs.ParseJsonValued(args);

        var authorization = context.Request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        return new WebApiRequest(method, args, bearer, formToken, authorization.Length > 0, contentType, bodyError, missingCharset);
    }

    private static (string? Error, bool MissingCharset) ReadBody(string contentType, string body, JsonObject args)
    {
        if (body.Length == 0)
        {
            return (null, false);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return ("missing_post_type", false);
        }

        if (IsJson(contentType))
        {
            if (StandInJson.ParseObject(body) is not { } json)
            {
                return ("invalid_json", false);
            }

            foreach (var (name, value) in json)
            {
                args[name] = value?.DeepClone();
            }

            // Slack warns a JSON body sent without charset=utf-8 (missing_charset) but still takes it.
            return (null, string.IsNullOrEmpty(mediaType.CharSet));
        }

        if (string.Equals(mediaType.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (name, values) in QueryHelpers.ParseQuery(body))
            {
                args[name] = values.ToString();
            }

            return (null, false);
        }

        return ("invalid_post_type", false);
    }

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);
}
