using System.Text.Json.Serialization;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Email;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Console;
using ChatOpsJit.Host.Identity;
using ChatOpsJit.Host.Health;
using ChatOpsJit.Host.Policies;
using ChatOpsJit.Host.Sandbox;
using ChatOpsJit.Host.Telemetry;
using ChatOpsJit.Host.Workers;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ChatOpsJit.Host;

/// <summary>The composition root: wires adapters by configuration. Tests build the same app with their own settings.</summary>
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
        app.UseStaticFiles();
        app.MapHealth();
        if (app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled)
        {
            app.MapConsole();
        }

        app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
        return app;
    }

    private static void AddChatOpsJit(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });

        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SandboxOptions>().Bind(config.GetSection(SandboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DirectoryOptions>().Bind(config.GetSection(DirectoryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PolicyOptions>().Bind(config.GetSection(PolicyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(config.GetSection(EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccessOptions>().Bind(config.GetSection(AccessOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().Bind(config.GetSection(WorkerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsoleOptions>().Bind(config.GetSection(ConsoleOptions.Section));
        services.AddSingleton<PathsExistValidation>();
        services.AddSingleton<IValidateOptions<SandboxOptions>>(sp => sp.GetRequiredService<PathsExistValidation>());
        services.AddSingleton<IValidateOptions<DirectoryOptions>>(sp => sp.GetRequiredService<PathsExistValidation>());
        services.AddSingleton<IValidateOptions<PolicyOptions>>(sp => sp.GetRequiredService<PathsExistValidation>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AccessOptions>>().Value);

        // Storage: the migrator runs first among the hosted services, before any worker touches the database.
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<IAccessRequestStore, SqliteAccessRequestStore>();
        services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
        services.AddSingleton<IJobStore, SqliteJobStore>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<ConsoleTranscriptStore>();
        services.AddSingleton<ConsoleChangeFeed>();

        // Sandbox: nodes and grants simulated, people from the directory file.
        services.AddSingleton<IIdentityDirectory>(sp => new YamlIdentityDirectory(
            FileLocator.Resolve(sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.File), sp.GetRequiredService<ILogger<YamlIdentityDirectory>>()));
        services.AddSingleton<INodeInventory>(sp => new SandboxInventory(
            FileLocator.Resolve(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.NodesFile), sp.GetRequiredService<ILogger<SandboxInventory>>()));
        services.AddSingleton<SandboxGrantStore>();
        services.AddSingleton<SandboxGrantor>();
        services.AddSingleton<IAccessGrantor>(sp => sp.GetRequiredService<SandboxGrantor>());

        services.AddSingleton<PolicyHolder>();
        services.AddSingleton<Core.Policies.IAccessPolicy>(sp => sp.GetRequiredService<PolicyHolder>());
        services.AddSingleton<PolicyFolderWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PolicyFolderWatcher>());

        // Chat surfaces and email.
        services.AddSingleton<IChatPlatform, ConsoleChatPlatform>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<ConsoleEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Enabled
            ? sp.GetRequiredService<SmtpEmailSender>()
            : sp.GetRequiredService<ConsoleEmailSender>());

        // The core and its workers.
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<AccessWorkflow>();
        services.AddSingleton<AccessJobRunner>();
        services.AddSingleton<AccessCommandHandler>();
        services.AddSingleton<NotificationRouter>();
        services.AddSingleton<ChatOpsJitMetrics>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<DueWorkScheduler>();

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<PolicyHealthCheck>("policies", tags: [HealthEndpoints.ReadyTag]);
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(ChatOpsJitMetrics.MeterName);
            if (config.GetValue<bool>("Telemetry:ConsoleExporter"))
            {
                metrics.AddConsoleExporter();
            }
        });
    }
}
