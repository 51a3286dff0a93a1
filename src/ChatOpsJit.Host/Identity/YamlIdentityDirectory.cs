using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Files;

namespace ChatOpsJit.Host.Identity;

/// <summary>The directory read from a YAML file, re-read when the file changes.</summary>
public sealed class YamlIdentityDirectory(string path, ILogger<YamlIdentityDirectory> logger) : IIdentityDirectory
{
    private readonly ReloadingFile<IReadOnlyDictionary<string, DirectoryUser>> _file =
        new(path, DirectoryFile.Parse, logger);

    public ValueTask<DirectoryUser?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.GetValueOrDefault(email));

    public ValueTask<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<DirectoryUser>>(_file.Value.Values.OrderBy(u => u.Email, StringComparer.Ordinal).ToList());
}
