using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Sandbox;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsJit.Host.Console;

/// <summary>
/// Wires the dev console: on by default with the sandbox grantor, off with any other unless <c>Console:Enabled=true</c>,
/// and then for loopback clients only. It is an approval bypass by design (anyone can act as anyone), so it fails closed.
/// </summary>
public static class DevConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddDevConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ConsoleOptions>(configuration, ConsoleOptions.Section);
        var sandbox = SandboxOptions.IsEnabled(configuration);
        // A value that is not a boolean is reported by start-up validation; until then it counts as unset.
        bool? forced = bool.TryParse(configuration[$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Enabled)}"], out var enabled) ? enabled : null;
        var mode = new DevConsoleMode(Enabled: forced ?? sandbox, LoopbackOnly: !sandbox);
        services.AddSingleton(mode);
        if (!mode.Enabled)
        {
            return services;
        }

        services.AddSingleton<ConsoleChangeFeed>();
        services.AddSingleton<IChatPlatform, ConsoleChatPlatform>();
        // The console's mailbox stands in for email only when no real sender (SMTP) is configured.
        services.TryAddSingleton<IEmailSender, ConsoleEmailSender>();
        return services;
    }
}

/// <summary>Whether the dev console runs, and whether only loopback clients may use it.</summary>
public sealed record DevConsoleMode(bool Enabled, bool LoopbackOnly);
