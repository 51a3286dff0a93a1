using ChatOpsJit.Storage.Shared;

namespace ChatOpsJit.Storage.Sqlite.Migrations;

/// <summary>SQLite's embedded <c>NNNN_name.sql</c> scripts, in order.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } = MigrationScripts.Load("ChatOpsJit.Storage.Sqlite.Migrations.");

    public static int Latest => All[^1].Version;
}
