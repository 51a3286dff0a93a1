using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Storage.Audit;

/// <summary>The key ring in force and where it came from (for the start-up log line, which names key ids only).</summary>
public sealed record LoadedAuditKeys(AuditKeyRing Ring, string Origin);

/// <summary>Chooses the keys: <c>Audit:Key</c> when set, else the key ring file (created with a fresh key if missing); plus <c>Audit:RetiredKeys</c>.</summary>
public static class AuditKeys
{
    public static LoadedAuditKeys Load(AuditOptions options, string connectionString) =>
        Load(options, () => AuditPaths.KeyFile(options, connectionString));

    public static LoadedAuditKeys Load(AuditOptions options, StorageOptions storage) =>
        Load(options, () => AuditPaths.KeyFile(options, storage));

    private static LoadedAuditKeys Load(AuditOptions options, Func<string> keyFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retired = options.RetiredKeys.Select((k, i) => Parse(k, $"Audit:RetiredKeys:{i}")).ToList();
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return new LoadedAuditKeys(new AuditKeyRing(Parse(options.Key, "Audit:Key"), retired), "Audit:Key");
        }

        var path = keyFile();
        var (ring, created) = AuditKeyFile.ReadOrCreate(path);
        return new LoadedAuditKeys(new AuditKeyRing(ring.Current, ring.All.Concat(retired)), $"key file '{path}'{(created ? ", just created" : "")}");
    }

    private static AuditKey Parse(string base64, string setting) =>
        AuditKey.TryParse(base64, out var key, out var problem) ? key : throw new AuditKeyFileException($"{setting}: the value {problem}");
}
