namespace ChatOpsJit.Storage.Sqlite.Migrations;

/// <summary>One numbered schema change, applied once in its own transaction.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
