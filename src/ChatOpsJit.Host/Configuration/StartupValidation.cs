using ChatOpsJit.Core.Requests;
using ChatOpsJit.Email;
using ChatOpsJit.Host.Workers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Configuration;

/// <summary>Validates every options class before anything starts, so an operator sees all problems at once.</summary>
public static partial class StartupValidation
{
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        var problems = new List<string>();
        Check<StorageOptions>(services, StorageOptions.Section, problems);
        Check<SandboxOptions>(services, SandboxOptions.Section, problems);
        Check<DirectoryOptions>(services, DirectoryOptions.Section, problems);
        Check<PolicyOptions>(services, PolicyOptions.Section, problems);
        Check<EmailOptions>(services, EmailOptions.Section, problems);
        Check<AccessOptions>(services, AccessOptions.Section, problems);
        Check<WorkerOptions>(services, WorkerOptions.Section, problems);
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }
    }

    private static void Check<T>(IServiceProvider services, string section, List<string> problems) where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures.Select(f => Readable(section, f)));
        }
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
}

/// <summary>The configuration is invalid; <see cref="Problems"/> has one line per problem.</summary>
public sealed class StartupConfigurationException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
