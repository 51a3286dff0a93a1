using ChatOpsJit.Testing.Otlp;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>Pointing the host's OTLP export at a receiver, and pushing out what it holds.</summary>
public static class Telemetry
{
    public const string ServiceName = "chatopsjit-e2e";

    /// <summary>The standard variables, as configuration keys of the same name (how the SDK reads them).</summary>
    public static void ExportTo(TestHostOptions options, OtlpReceiver receiver)
    {
        options.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        options.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        options.Settings["OTEL_SERVICE_NAME"] = ServiceName;
        options.Settings["OTEL_BSP_SCHEDULE_DELAY"] = "100";
    }

    /// <summary>Exports every finished span and the current metrics now, rather than at the next batch or interval.</summary>
    public static void Flush(TestHost host)
    {
        Assert.That(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), Is.True, "the tracer provider flushed");
        // False with Prometheus on, whose reader only collects when scraped; the OTLP reader has exported by then.
        host.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
    }
}
