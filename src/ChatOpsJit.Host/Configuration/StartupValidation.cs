using ChatOpsJit.Core.Requests;
using ChatOpsJit.Email;
using ChatOpsJit.Host.Workers;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Configuration;

/// <summary>Validates every options class before anything starts, so an operator sees all problems at once.</summary>
public static class StartupValidation
{
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        var problems = new List<string>();
        Check<StorageOptions>(services, problems);
        Check<SandboxOptions>(services, problems);
        Check<DirectoryOptions>(services, problems);
        Check<PolicyOptions>(services, problems);
        Check<EmailOptions>(services, problems);
        Check<AccessOptions>(services, problems);
        Check<WorkerOptions>(services, problems);
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }
    }

    private static void Check<T>(IServiceProvider services, List<string> problems) where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
    }
}

/// <summary>The configuration is invalid; <see cref="Problems"/> has one line per problem.</summary>
public sealed class StartupConfigurationException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
