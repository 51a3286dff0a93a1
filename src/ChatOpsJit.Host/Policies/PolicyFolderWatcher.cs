using System.Security.Cryptography;
using System.Text;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Policies;

/// <summary>
/// Loads the policy folder at start-up and again whenever its contents change. It compares a hash of every file
/// rather than trusting file-system events, which miss Kubernetes ConfigMap symlink swaps. After each load it logs the
/// set's warnings, and the manual-policy levels the directory's people can never satisfy.
/// </summary>
public sealed class PolicyFolderWatcher(
    PolicyHolder holder, IOptions<PolicyOptions> options, AccessOptions access, IIdentityDirectory directory, TimeProvider time, ILogger<PolicyFolderWatcher> logger)
    : BackgroundService
{
    private string? _fingerprint;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadIfChangedAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
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

            await LoadIfChangedAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Loads the folder if any file in it changed; returns true when a new set is now in force.</summary>
    public async Task<bool> LoadIfChangedAsync(CancellationToken cancellationToken = default)
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
            var people = await PeopleAsync(cancellationToken).ConfigureAwait(false);
            foreach (var warning in set.Warnings.Concat(ManualPolicyReachability.Check(set.ManualPolicies, people)))
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

    // Without the directory, groups cannot be counted; the check still covers approvers named by email.
    private async Task<IReadOnlyList<DirectoryUser>?> PeopleAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await directory.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not read the directory to check who can approve each manual policy (groups not counted): {Error}", e.Message);
            return null;
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
