using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Testing.Aws;

/// <summary>An HTTP answer in one of the AWS dialects: a success body, or an error written as that service writes errors.</summary>
internal sealed record AwsAnswer(int StatusCode, string ContentType, string Body, string? ErrorCode = null, string? ErrorMessage = null)
{
    public static readonly XNamespace StsNs = "https://sts.amazonaws.com/doc/2011-06-15/";
    public static readonly XNamespace Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    /// <summary>When set, sent as Retry-After in whole seconds.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static AwsAnswer Json(JsonObject body) => new(200, "application/x-amz-json-1.1", StandInJson.Write(body));

    public static AwsAnswer RestJson(JsonObject body) => new(200, "application/json", StandInJson.Write(body));

    /// <summary>An STS answer: {Action}Response / {Action}Result / ResponseMetadata.</summary>
    public static AwsAnswer Sts(AwsRequest request, params object[] result) =>
        Xml(new XElement(StsNs + request.Operation + "Response",
            new XElement(StsNs + request.Operation + "Result", result),
            new XElement(StsNs + "ResponseMetadata", new XElement(StsNs + "RequestId", request.RequestId))));

    /// <summary>An EC2 answer: {Action}Response with requestId first.</summary>
    public static AwsAnswer Ec2(AwsRequest request, params object[] content) =>
        Xml(new XElement(Ec2Ns + request.Operation + "Response", new XElement(Ec2Ns + "requestId", request.RequestId), content));

    public static AwsAnswer Error(AwsRequest request, HttpStatusCode status, string code, string message) =>
        Error(request.Protocol, request.RequestId, (int)status, code, message);

    public static AwsAnswer Error(AwsProtocol protocol, string requestId, int status, string code, string message) => protocol switch
    {
        AwsProtocol.Json11 => new(status, "application/x-amz-json-1.1", StandInJson.Write(new JsonObject { ["__type"] = code, ["message"] = message }), code, message),
        AwsProtocol.RestJson => new(status, "application/json", StandInJson.Write(new JsonObject { ["message"] = message }), code, message),
        AwsProtocol.Query => Xml(new XElement(StsNs + "ErrorResponse",
            new XElement(StsNs + "Error",
                new XElement(StsNs + "Type", status >= 500 ? "Receiver" : "Sender"),
                new XElement(StsNs + "Code", code),
                new XElement(StsNs + "Message", message)),
            new XElement(StsNs + "RequestId", requestId))) with { StatusCode = status, ErrorCode = code, ErrorMessage = message },
        _ => Xml(new XElement("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", requestId))) with { StatusCode = status, ErrorCode = code, ErrorMessage = message },
    };

    /// <summary>Seconds since the epoch with milliseconds, as the JSON protocols write timestamps.</summary>
    public static double Epoch(DateTimeOffset time) => Math.Round(time.ToUnixTimeMilliseconds() / 1000.0, 3);

    /// <summary>ISO 8601 in UTC, as the query protocols write timestamps.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static AwsAnswer Xml(XElement root) =>
        new(200, "text/xml", new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + root.ToString(SaveOptions.DisableFormatting));
}
