using System.Text.RegularExpressions;
using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Configuration;

/// <summary>
/// Validates every registered options section (see <see cref="ValidatedOptions"/>) and the adapters the core cannot run
/// without, before anything starts, so an operator sees all problems at once, one line each, naming the key to set.
/// </summary>
public static partial class StartupValidation
{
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var problems = new List<string>();
        foreach (var section in services.GetServices<OptionsSection>())
        {
            Check(services, configuration, section, problems);
        }

        // Asked of the container without resolving: building a grantor may need options that are invalid.
        var registered = services.GetRequiredService<IServiceProviderIsService>();
        if (!registered.IsService(typeof(IAccessGrantor)) || !registered.IsService(typeof(INodeInventory)))
        {
            problems.Add("Sandbox:Enabled: no node inventory and grantor are configured; turn the sandbox on (Sandbox:Enabled=true) or configure another grantor.");
        }

        problems.AddRange(Telemetry.OtlpSettings.Problems(configuration));
        problems.AddRange(ListenAddresses.InUse(configuration["urls"]));
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }
    }

    private static void Check(IServiceProvider services, IConfiguration configuration, OptionsSection section, List<string> problems)
    {
        try
        {
            // Reading IOptions<T>.Value binds the section and runs every validator registered for T.
            var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(section.OptionsType));
            _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            Report(e.InnerException, configuration, section, problems);
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            Report(e, configuration, section, problems);
        }
    }

    private static void Report(Exception e, IConfiguration configuration, OptionsSection section, List<string> problems)
    {
        switch (e)
        {
            case OptionsValidationException validation:
                problems.AddRange(validation.Failures.Select(f => Readable(section.Section, f)));
                break;
            case InvalidOperationException when ConversionFailure().Match(e.Message) is { Success: true } match:
                problems.Add(Unconvertible(match.Groups["key"].Value, configuration, section.OptionsType));
                break;
            default:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
                break;
        }
    }

    // "Failed to convert configuration value 'Foo' at 'Email:Security' to type '…SmtpSecurity'." becomes
    // "Email:Security: 'Foo' is not valid; use one of Auto, StartTls, SslOnConnect, None."
    private static string Unconvertible(string key, IConfiguration configuration, Type optionsType)
    {
        var property = optionsType.GetProperty(key[(key.LastIndexOf(':') + 1)..]);
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var expected = type switch
        {
            { IsEnum: true } => "use one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(TimeSpan) => "use a time span like 00:15:00 (hh:mm:ss) or 7.00:00:00 (days)",
            _ when type == typeof(bool) => "use true or false",
            null => "check its type",
            _ => $"expected a {type.Name}",
        };
        return $"{key}: '{configuration[key]}' is not valid; {expected}.";
    }

    // "DataAnnotation validation failed for 'AccessOptions' members: 'PendingTimeout' with the error: '...'." becomes
    // "Access:PendingTimeout: ...", naming the key an operator sets.
    private static string Readable(string section, string failure)
    {
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var message = match.Groups["error"].Value;
        var key = $"{section}:{match.Groups["member"].Value}";
        return message.StartsWith(key, StringComparison.Ordinal) ? message : $"{key}: {message}";
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']+' members: '(?<member>[^']+)' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}

/// <summary>The configuration is invalid; <see cref="Problems"/> has one line per problem.</summary>
public sealed class StartupConfigurationException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
