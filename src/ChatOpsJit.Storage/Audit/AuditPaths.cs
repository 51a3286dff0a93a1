using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Audit;

/// <summary>
/// Where the key ring and the anchors live: as configured, else beside the SQLite database file; with PostgreSQL the key
/// must be configured and the anchor defaults to <see cref="PostgresAnchorFile"/> on each replica.
/// </summary>
public static class AuditPaths
{
    public const string KeyExtension = ".audit-key";
    public const string AnchorExtension = ".audit-anchor";

    /// <summary>The anchor file of a replica on PostgreSQL unless <c>Audit:AnchorFile</c> says otherwise (relative to the working folder).</summary>
    public const string PostgresAnchorFile = "./data/chatopsjit.audit-anchor";

    /// <exception cref="InvalidOperationException">PostgreSQL without <c>Audit:KeyFile</c>: there is no database file to sit beside.</exception>
    public static string KeyFile(AuditOptions options, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        return !storage.IsPostgres ? KeyFile(options, storage.ConnectionString)
            : Chosen(options.KeyFile) ?? throw new InvalidOperationException(AuditOptionsValidation.PostgresNeedsKey);
    }

    public static string AnchorFile(AuditOptions options, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        return !storage.IsPostgres ? AnchorFile(options, storage.ConnectionString) : Chosen(options.AnchorFile) ?? Path.GetFullPath(PostgresAnchorFile);
    }

    public static string KeyFile(AuditOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Chosen(options.KeyFile) ?? Beside(DatabaseFile(connectionString), KeyExtension);
    }

    public static string AnchorFile(AuditOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Chosen(options.AnchorFile) ?? Beside(DatabaseFile(connectionString), AnchorExtension);
    }

    /// <summary><c>data/chatopsjit.db</c> gives <c>data/chatopsjit.audit-key</c> (full path).</summary>
    public static string Beside(string databaseFile, string extension)
    {
        var full = Path.GetFullPath(databaseFile);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", Path.GetFileNameWithoutExtension(full) + extension);
    }

    /// <summary>The database file a connection string names (a plain path or a <c>file:</c> URI).</summary>
    public static string DatabaseFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var uri = dataSource.Split('?', 2)[0];
            return Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri["file:".Length..];
        }

        return dataSource;
    }

    private static string? Chosen(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);
}
