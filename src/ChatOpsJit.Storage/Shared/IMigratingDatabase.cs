namespace ChatOpsJit.Storage;

/// <summary>A database that brings its own schema up to date (SQLite or PostgreSQL).</summary>
public interface IMigratingDatabase
{
    /// <summary>Applies the migrations the database lacks; returns how many it applied (0 when up to date).</summary>
    /// <exception cref="SchemaTooNewException">The database was migrated by a newer build.</exception>
    Task<int> MigrateAsync(CancellationToken cancellationToken = default);
}
