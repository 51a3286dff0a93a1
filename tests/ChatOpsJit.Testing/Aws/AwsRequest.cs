using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Testing.Aws;

/// <summary>A request as the stand-in reads it.</summary>
/// <remarks>
/// Which service and operation (known before the signature is checked, so a refused call is recorded by name), its body
/// as JSON or form fields, and, once verified, who sent it and for which Region.
/// </remarks>
internal sealed class AwsRequest
{
    private AwsRequest(string service, string operation, AwsProtocol protocol, string body, JsonObject? json, IReadOnlyDictionary<string, string> form)
    {
        Service = service;
        Operation = operation;
        Protocol = protocol;
        Body = body;
        Json = json;
        Form = form;
    }

    public string Service { get; }

    public string Operation { get; }

    public AwsProtocol Protocol { get; }

    public string Body { get; }

    /// <summary>The JSON body (SSM, SES); an empty object when there was none, null when it was not JSON.</summary>
    public JsonObject? Json { get; }

    /// <summary>The form fields (STS, EC2), decoded.</summary>
    public IReadOnlyDictionary<string, string> Form { get; }

    public string RequestId { get; } = Guid.NewGuid().ToString();

    /// <summary>The session token the caller signed with, which AWS repeats when it explains a signature mismatch.</summary>
    public string? SecurityToken { get; private init; }

    public AwsPrincipal Principal { get; set; } = null!;

    public string Region { get; set; } = "";

    /// <summary>The account the caller acts in: the bot's, or the assumed role's.</summary>
    public string Account => Principal.Account;

    public string? Text(string name) => Json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public int? Number(string name) => Json?[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    public string? Field(string name) => Form.GetValueOrDefault(name);

    /// <summary>Reads service and operation the way AWS routes: X-Amz-Target, the SES path, or Action with the scope's service.</summary>
    public static AwsRequest Read(HttpRequest request, byte[] body)
    {
        var read = ReadOperation(request, body);
        var token = request.Headers["X-Amz-Security-Token"].ToString();
        return token.Length == 0 ? read : new AwsRequest(read.Service, read.Operation, read.Protocol, read.Body, read.Json, read.Form) { SecurityToken = token };
    }

    private static AwsRequest ReadOperation(HttpRequest request, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.StartsWith("AmazonSSM.", StringComparison.Ordinal))
        {
            return new AwsRequest("ssm", target["AmazonSSM.".Length..], AwsProtocol.Json11, text, ParseJson(text), new Dictionary<string, string>());
        }

        if (target.StartsWith("AmazonSQS.", StringComparison.Ordinal))
        {
            return new AwsRequest("sqs", target["AmazonSQS.".Length..], AwsProtocol.Json11, text, ParseJson(text), new Dictionary<string, string>());
        }

        if (request.Path.StartsWithSegments("/v2/email/outbound-emails"))
        {
            return new AwsRequest("ses", "SendEmail", AwsProtocol.RestJson, text, ParseJson(text), new Dictionary<string, string>());
        }

        var form = ParseForm(text);
        var action = form.GetValueOrDefault("Action") ?? "";
        // An unsigned request names no service; the API version says which one it meant.
        var service = ScopeService(request) ?? (form.GetValueOrDefault("Version") == "2016-11-15" ? "ec2" : "sts");
        return new AwsRequest(service, action, service == "ec2" ? AwsProtocol.Ec2Query : AwsProtocol.Query, text, null, form);
    }

    private static string? ScopeService(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var parts = authorization[(start + "Credential=".Length)..].Split(',')[0].Split('/');
        return parts.Length == 5 ? parts[3] : null;
    }

    private static JsonObject? ParseJson(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ParseForm(string text) =>
        text.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(parts => Decode(parts[0]), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Decode(g.Last().ElementAtOrDefault(1) ?? ""), StringComparer.Ordinal);

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
