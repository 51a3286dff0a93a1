namespace ChatOpsJit.Host.Telemetry;

/// <summary>
/// Whether to export over OTLP, read from the standard <c>OTEL_*</c> variables (environment, or configuration keys of the
/// same name): on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and <c>OTEL_SDK_DISABLED</c> is not true. The exporter
/// itself reads the rest (protocol, headers, timeouts, sampler, resource), so no setting of ours shadows a standard one.
/// </summary>
public sealed record OtlpSettings(Uri? Endpoint, string Protocol)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string DisabledKey = "OTEL_SDK_DISABLED";

    private static readonly string[] Protocols = ["grpc", "http/protobuf"];

    public bool Enabled => Endpoint is not null;

    /// <summary>The settings as configured; an endpoint that is no absolute http(s) address counts as none (see <see cref="Problems"/>).</summary>
    public static OtlpSettings From(IConfiguration configuration)
    {
        var protocol = Text(configuration, ProtocolKey) ?? "grpc";
        if (string.Equals(Text(configuration, DisabledKey), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new OtlpSettings(null, protocol);
        }

        return new OtlpSettings(Parse(Text(configuration, EndpointKey)), protocol);
    }

    /// <summary>One line per unusable value, for start-up validation.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        if (Text(configuration, EndpointKey) is { } endpoint && Parse(endpoint) is null)
        {
            yield return $"{EndpointKey}: '{endpoint}' is not an http or https address; use e.g. http://otel-collector:4317 (grpc) or http://otel-collector:4318 (http/protobuf), or leave it unset to export nothing.";
        }

        if (Text(configuration, ProtocolKey) is { } protocol && !Protocols.Contains(protocol))
        {
            yield return $"{ProtocolKey}: '{protocol}' is not supported; use grpc or http/protobuf.";
        }
    }

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? Parse(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? uri : null;
}
