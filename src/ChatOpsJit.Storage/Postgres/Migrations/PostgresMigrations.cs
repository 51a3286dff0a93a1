using ChatOpsJit.Storage.Shared;

namespace ChatOpsJit.Storage.Postgres.Migrations;

/// <summary>PostgreSQL's embedded <c>NNNN_name.sql</c> scripts, in order.</summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<Migration> All { get; } = MigrationScripts.Load("ChatOpsJit.Storage.Postgres.Migrations.");

    public static int Latest => All[^1].Version;
}
