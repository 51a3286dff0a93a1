using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Files;

namespace ChatOpsJit.Host.Identity;

/// <summary>The directory read from a YAML file, re-read when the file changes.</summary>
public sealed class YamlIdentityDirectory(string path, ILogger<YamlIdentityDirectory> logger) : IIdentityDirectory
{
    private readonly ReloadingFile<People> _file = new(path, text => new People(DirectoryFile.Parse(text)), logger);

    public ValueTask<DirectoryUser?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.ByEmail.GetValueOrDefault(email));

    public ValueTask<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.InEmailOrder);

    // Sorted once per read of the file: every request that waits for approval lists the directory to find its approvers, and
    // sorting 500 people each time was 2% of the host's CPU at 200 requests a second (bench/slack, perf).
    private sealed class People(IReadOnlyDictionary<string, DirectoryUser> byEmail)
    {
        public IReadOnlyDictionary<string, DirectoryUser> ByEmail { get; } = byEmail;

        public IReadOnlyList<DirectoryUser> InEmailOrder { get; } = byEmail.Values.OrderBy(u => u.Email, StringComparer.Ordinal).ToArray();
    }
}
