using System.Globalization;
using System.Text.Json.Serialization;
using ChatOpsJit.Aws;
using ChatOpsJit.Aws.Email;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Email;
using ChatOpsJit.Host.Audit;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Console;
using ChatOpsJit.Host.Health;
using ChatOpsJit.Host.Identity;
using ChatOpsJit.Host.Policies;
using ChatOpsJit.Host.Sandbox;
using ChatOpsJit.Host.Telemetry;
using ChatOpsJit.Host.Workers;
using ChatOpsJit.Slack;
using ChatOpsJit.Storage;
using ChatOpsJit.Teams;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host;

/// <summary>The composition root: each adapter wires itself, switched on by its configuration section. Tests build the same app.</summary>
public static class ChatOpsJitApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Settings and the console page ship next to the binary, so `dotnet run --project` works from any folder.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        AddChatOpsJit(builder.Services, builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        StartupValidation.ThrowIfInvalid(app.Services);
        LogCapabilities(app);
        app.MapHealth();
        app.MapPrometheus();
        app.UseDevConsole();
        app.MapSlack();
        app.MapTeams();
        return app;
    }

    private static void AddChatOpsJit(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json =>
        {
            // Ahead of the enum factory, which would otherwise win over the verb's own lowercase converter.
            json.SerializerOptions.Converters.Add(new CardVerbJsonConverter());
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });

        // Adapters, each switched on by its own section.
        services.AddStorage(config);
        services.AddAuditAnchoring();
        services.AddSmtpEmail(config);
        services.AddSesEmail(config);
        services.AddSandbox(config);
        services.AddAws(config, HealthEndpoints.ReadyTag);
        services.AddYamlDirectory(config);
        services.AddPolicyFolder(config);
        services.AddDevConsole(config);
        services.AddSlack(config);
        services.AddTeams(config);

        // The core and its workers.
        services.AddValidatedOptions<AccessOptions>(config, AccessOptions.Section);
        services.AddValidatedOptions<WorkerOptions>(config, WorkerOptions.Section);
        // The workers' drain must fit inside the host's stop, or the host would give up on them first. Read from the
        // configuration itself: the host's options are built before start-up validation, which reports a bad value.
        services.Configure<HostOptions>(host =>
        {
            var drain = TimeSpan.TryParse(config[$"{WorkerOptions.Section}:{nameof(WorkerOptions.DrainTimeout)}"], CultureInfo.InvariantCulture, out var set)
                ? set : new WorkerOptions().DrainTimeout;
            host.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(host.ShutdownTimeout.Ticks, (drain + TimeSpan.FromSeconds(5)).Ticks));
        });
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AccessOptions>>().Value);
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<AccessWorkflow>();
        services.AddSingleton<AccessJobRunner>();
        services.AddSingleton<AccessCommandHandler>();
        services.AddSingleton<NotificationRouter>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<DueWorkScheduler>();

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<PolicyHealthCheck>("policies", tags: [HealthEndpoints.ReadyTag]);
        services.AddChatOpsJitTelemetry(config);
    }

    // What this deployment can do, said once, so an operator sees which optional powers were found.
    private static void LogCapabilities(WebApplication app)
    {
        var workflow = app.Services.GetRequiredService<AccessWorkflow>();
        var platforms = app.Services.GetServices<Core.Ports.IChatPlatform>().Select(p => p.Name.Value).ToList();
        app.Logger.LogInformation("Chat platforms: {Platforms}; email: {Email}; credentials on demand: {Credentials}",
            platforms.Count == 0 ? "none" : string.Join(", ", platforms),
            app.Services.GetServices<Core.Ports.IEmailSender>().FirstOrDefault()?.GetType().Name ?? "off",
            workflow.Cards.CredentialsOnDemand ? "yes" : "no");
        app.Logger.LogInformation("Telemetry: {Telemetry}",
            TelemetryServiceCollectionExtensions.Describe(app.Configuration, app.Services.GetRequiredService<IOptions<PrometheusOptions>>().Value.Enabled));
    }
}
