namespace ChatOpsJit.Storage.Shared;

/// <summary>One numbered schema change, applied once in its own transaction.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
