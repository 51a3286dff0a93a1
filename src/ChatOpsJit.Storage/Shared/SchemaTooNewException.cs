namespace ChatOpsJit.Storage;

/// <summary>The database was migrated by a newer build than this one; running on would risk misreading it.</summary>
public class SchemaTooNewException(int databaseVersion, int codeVersion) : InvalidOperationException(
    $"the database schema is at version {databaseVersion} but this build knows versions up to {codeVersion}; " +
    "run a ChatOpsJit build at least as new as the one that last opened this database")
{
    public int DatabaseVersion { get; } = databaseVersion;

    public int CodeVersion { get; } = codeVersion;
}
