using ChatOpsJit.Core.Audit;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit audit verify`: recomputes the hash chain and reports the first broken link.</summary>
public static class AuditCommands
{
    public const int Broken = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "verify")
        {
            error.WriteLine("usage: chatopsjit audit verify [--db FILE | --connection-string CS]");
            return Usage.BadInput;
        }

        var (database, problem) = await StoreArgs.OpenAsync(args[1..]);
        if (database is null)
        {
            error.WriteLine(problem);
            return Usage.BadInput;
        }

        var records = new List<AuditRecord>();
        await foreach (var record in new SqliteAuditLog(database).ReadAsync())
        {
            records.Add(record);
        }

        var broken = AuditChain.Verify(records);
        if (broken is not null)
        {
            error.WriteLine($"audit chain BROKEN at record {broken.Sequence}: {broken.Message}");
            return Broken;
        }

        output.WriteLine($"audit chain intact: {records.Count} records, last hash {(records.Count > 0 ? records[^1].Hash : AuditChain.Genesis)}");
        return 0;
    }
}
