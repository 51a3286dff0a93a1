using System.Net;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Testing.Otlp;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Telemetry;

/// <summary>What switches telemetry on and off: the OTLP endpoint, Telemetry:Prometheus:Enabled, and bad values of either.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TelemetrySwitchTests
{
    private const string OtlpAssembly = "OpenTelemetry.Exporter.OpenTelemetryProtocol";

    [Test]
    public async Task Without_an_otlp_endpoint_no_tracer_and_no_otlp_exporter_are_registered_and_with_one_both_are()
    {
        var logs = new LogCapture();
        List<ServiceDescriptor> registered = [];
        await using (var host = await TestHost.StartAsync(o =>
                     {
                         o.Logs = logs;
                         o.Configure = b => registered = b.Services.ToList();
                     }))
        {
            Assert.That(host.Services.GetService<TracerProvider>(), Is.Null, "no tracer provider listens to any span");
            Assert.That(registered.Where(FromOtlpExporter), Is.Empty, "no OTLP exporter service is registered");
            Assert.That(logs.All, Does.Contain("Telemetry: OTLP off; Prometheus off"));
        }

        await using var otlp = await OtlpReceiver.StartAsync();
        await using var exporting = await TestHost.StartAsync(o =>
        {
            Infrastructure.Telemetry.ExportTo(o, otlp);
            o.Configure = b => registered = b.Services.ToList();
        });
        Assert.That(exporting.Services.GetService<TracerProvider>(), Is.Not.Null);
        Assert.That(registered.Where(FromOtlpExporter), Is.Not.Empty, "the same check finds the exporter once an endpoint is set");
    }

    [Test]
    public async Task Health_readiness_and_metrics_requests_are_not_traced_while_other_requests_are()
    {
        await using var otlp = await OtlpReceiver.StartAsync();
        await using var host = await TestHost.StartAsync(o =>
        {
            Infrastructure.Telemetry.ExportTo(o, otlp);
            o.Settings["Telemetry:Prometheus:Enabled"] = "true";
        });
        foreach (var path in new[] { "/healthz", "/readyz", "/metrics", "/console/api/transcript" })
        {
            using var response = await host.Http.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        }

        Infrastructure.Telemetry.Flush(host);
        var spans = await otlp.WaitForSpansAsync(s => s.Any(x => x.Kind == OtlpSpan.Server && x["url.path"] == "/console/api/transcript"), "the transcript request's span");
        Assert.That(spans.Where(s => s.Kind == OtlpSpan.Server).Select(s => s["url.path"]), Has.None.AnyOf("/healthz", "/readyz", "/metrics"));
    }

    [Test]
    public async Task The_metrics_endpoint_serves_the_chatopsjit_instruments_in_prometheus_text_when_enabled()
    {
        await using var host = await TestHost.StartAsync(o => o.Settings["Telemetry:Prometheus:Enabled"] = "true");
        var (response, _) = await host.CommandAsync(Flow.Requester, "access list");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var scrape = await host.Http.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.That(scrape.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(scrape.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(text, Does.Contain("# TYPE chatopsjit_commands_total counter"));
        Assert.That(text, Does.Match(@"chatopsjit_commands_total\{[^}]*platform=""console""[^}]*\} 1"));
    }

    [Test]
    public async Task The_metrics_endpoint_serves_the_runtime_gc_heap_and_thread_pool_figures()
    {
        await using var host = await TestHost.StartAsync(o => o.Settings["Telemetry:Prometheus:Enabled"] = "true");
        GC.Collect();

        // The runtime's meter reports the last collection's heap, so it needs one to have run (the collection above, as the
        // host runs in this process); a scrape reads the gauges afresh.
        var text = await host.Http.GetStringAsync("/metrics");

        Assert.That(text, Does.Match(@"dotnet_gc_last_collection_heap_size_bytes\{[^}]*gc_heap_generation=""gen0""[^}]*\} \d+"));
        Assert.That(text, Does.Contain("dotnet_thread_pool_thread_count"));
        Assert.That(text, Does.Contain("dotnet_process_memory_working_set_bytes"));
    }

    [Test]
    public async Task The_metrics_endpoint_is_not_found_when_prometheus_is_off()
    {
        await using var host = await TestHost.StartAsync();

        using var scrape = await host.Http.GetAsync("/metrics");

        Assert.That(scrape.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public void A_bad_otlp_endpoint_protocol_or_prometheus_switch_stops_start_up_with_one_line_each()
    {
        var e = Assert.ThrowsAsync<StartupConfigurationException>(() => TestHost.StartAsync(o =>
        {
            o.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4317";
            o.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "udp";
            o.Settings["Telemetry:Prometheus:Enabled"] = "sometimes";
        }));

        Assert.That(e!.Problems, Is.SupersetOf(new[]
        {
            "OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' is not an http or https address; use e.g. http://otel-collector:4317 (grpc) or http://otel-collector:4318 (http/protobuf), or leave it unset to export nothing.",
            "OTEL_EXPORTER_OTLP_PROTOCOL: 'udp' is not supported; use grpc or http/protobuf.",
            "Telemetry:Prometheus:Enabled: 'sometimes' is not valid; use true or false.",
        }));
        Assert.That(e.Problems, Has.Count.EqualTo(3), string.Join('\n', e.Problems));
    }

    private static bool FromOtlpExporter(ServiceDescriptor d) =>
        (d.IsKeyedService
            ? new[] { d.ServiceType, d.KeyedImplementationType, d.KeyedImplementationInstance?.GetType() }
            : new[] { d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType() })
            .Concat(d.ServiceType.GenericTypeArguments)
            .Any(t => t?.Assembly.GetName().Name == OtlpAssembly);
}
