namespace ChatOpsJit.Storage.Sqlite;

/// <summary>The SQLite database file was migrated by a newer build than this one.</summary>
public sealed class SqliteSchemaTooNewException(int databaseVersion, int codeVersion) : SchemaTooNewException(databaseVersion, codeVersion);
