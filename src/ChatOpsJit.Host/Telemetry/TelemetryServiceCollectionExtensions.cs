using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatOpsJit.Host.Telemetry;

/// <summary>
/// Wires OpenTelemetry: the ChatOpsJit meter always (for Prometheus and the console exporter), OTLP export of traces and
/// metrics only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and no tracer at all otherwise, so that spans cost one
/// listener check each.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "chatopsjit";

    /// <summary>The .NET runtime's built-in meter.</summary>
    public const string RuntimeMeter = "System.Runtime";

    public static IServiceCollection AddChatOpsJitTelemetry(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<PrometheusOptions>(config, PrometheusOptions.Section);
        services.AddSingleton<ChatOpsJitMetrics>();
        var otlp = OtlpSettings.From(config);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(Resource);
        telemetry.WithMetrics(metrics =>
        {
            // System.Runtime is the runtime's own meter (GC heap, thread pool, JIT, working set): what a memory alert needs.
            metrics.AddMeter(ChatOpsJitMetrics.MeterName, RuntimeMeter).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
            if (config.GetValue<bool>("Telemetry:ConsoleExporter"))
            {
                metrics.AddConsoleExporter();
            }

            if (TryEnabled(config))
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp.Enabled)
            {
                metrics.AddOtlpExporter();
            }
        });

        if (otlp.Enabled)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ChatOpsJitTracing.SourceName)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = TraceRedaction.TraceInbound;
                    o.EnrichWithHttpRequest = TraceRedaction.EnrichInbound;
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = TraceRedaction.EnrichOutbound)
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> when <c>Telemetry:Prometheus:Enabled</c>; otherwise the path stays unknown (404).</summary>
    public static IEndpointRouteBuilder MapPrometheus(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<PrometheusOptions>>().Value.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(PrometheusOptions.Path);
        }

        return app;
    }

    /// <summary>One line for the start-up log: where telemetry goes.</summary>
    public static string Describe(IConfiguration config, bool prometheus)
    {
        var otlp = OtlpSettings.From(config);
        return $"OTLP {(otlp.Enabled ? $"traces and metrics to {otlp.Endpoint!.Scheme}://{otlp.Endpoint.Authority} ({otlp.Protocol})" : "off")}; " +
               $"Prometheus {(prometheus ? PrometheusOptions.Path : "off")}";
    }

    // Our service name unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES says otherwise: the detector runs last and wins.
    private static void Resource(ResourceBuilder resource) =>
        resource.Clear()
            .AddService(ServiceName, serviceVersion: typeof(TelemetryServiceCollectionExtensions).Assembly.GetName().Version?.ToString())
            .AddTelemetrySdk()
            .AddEnvironmentVariableDetector();

    // An unparsable value is reported by start-up validation, which needs the app built first; until then it counts as off.
    private static bool TryEnabled(IConfiguration config) =>
        bool.TryParse(config[$"{PrometheusOptions.Section}:{nameof(PrometheusOptions.Enabled)}"], out var enabled) && enabled;
}
