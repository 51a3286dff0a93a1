namespace ChatOpsJit.Host.Telemetry;

/// <summary>The Prometheus scrape endpoint <c>GET /metrics</c> (section <c>Telemetry:Prometheus</c>); off unless enabled.</summary>
public sealed class PrometheusOptions
{
    public const string Section = "Telemetry:Prometheus";

    public const string Path = "/metrics";

    public bool Enabled { get; set; }
}
