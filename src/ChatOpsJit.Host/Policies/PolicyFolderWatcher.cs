using System.Security.Cryptography;
using System.Text;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Policies;

/// <summary>
/// Loads the policy folder at start-up and again whenever its contents change. It compares a hash of every file
/// rather than trusting file-system events, which miss Kubernetes ConfigMap symlink swaps.
/// </summary>
public sealed class PolicyFolderWatcher(PolicyHolder holder, IOptions<PolicyOptions> options, AccessOptions access, TimeProvider time, ILogger<PolicyFolderWatcher> logger)
    : BackgroundService
{
    private string? _fingerprint;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        LoadIfChanged();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ReloadInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            LoadIfChanged();
        }
    }

    /// <summary>Loads the folder if any file in it changed; returns true when a new set is now in force.</summary>
    public bool LoadIfChanged()
    {
        var folder = FileLocator.Resolve(options.Value.Folder);
        var fingerprint = Fingerprint(folder);
        if (fingerprint == _fingerprint)
        {
            return false;
        }

        _fingerprint = fingerprint;
        try
        {
            var set = JitnaPolicyFolder.Load(folder, access.AutoApprovalDuration);
            holder.Replace(set);
            foreach (var warning in set.Warnings)
            {
                logger.LogWarning("Policy warning: {Problem}", warning.ToString());
            }

            logger.LogInformation("Loaded policies from {Folder}: {Statements} Cedar statements, {Count} manual policies", folder, set.StatementCount, set.ManualPolicies.Count);
            return true;
        }
        catch (PolicyLoadException e)
        {
            holder.Reject(string.Join("; ", e.Problems));
            logger.LogError("Policy folder {Folder} is invalid; {Action}. Problems:{NewLine}{Problems}", folder,
                holder.IsLoaded ? "keeping the last good set" : "no policies are in force", Environment.NewLine, e.Message);
            return false;
        }
    }

    private static string Fingerprint(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return "missing";
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file)));
            try
            {
                hash.AppendData(File.ReadAllBytes(file));
            }
            catch (IOException)
            {
                hash.AppendData("unreadable"u8);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
