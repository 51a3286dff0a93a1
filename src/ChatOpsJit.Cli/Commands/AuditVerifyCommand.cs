using ChatOpsJit.Cli.Options;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// `chatopsjit audit verify`: checks every MAC and link of the chain with the keys, then holds the chain to its anchors,
/// and with <c>--requests</c> each request row to its last audit record. Exit 0 intact, 2 broken (the first problem,
/// naming the record), 1 bad input.
/// </summary>
internal static class AuditVerifyCommand
{
    public static readonly CommandSpec Spec = new(
        "audit verify",
        "Checks the sealed audit chain and its anchors, read-only, and names the first broken record.",
        ["audit verify [--db FILE | --connection-string CS] [--key-file FILE] [--anchor-file FILE] [--requests]"],
        [
            .. StoreArgs.Options,
            new("key-file", "FILE", "the key ring (default: from the environment, else beside the database; see below)"),
            new("anchor-file", "FILE", "the anchors (default: Audit__AnchorFile, else beside the database)"),
            new("requests", null, "also hold every request row to its last audit record"),
        ])
    {
        Details = $"""
            Checks the chain: sequence numbers without gaps, each record linked to the one before, each MAC recomputed with
            the key its key id names, keys changed only at an audit.key-rotated record; then that the log reaches every
            anchor and each anchored record still has its anchored MAC. The first broken record is named on stderr, as
            'audit chain BROKEN at record N: …'; with --requests, so is every request row edited, inserted or deleted
            outside the workflow ('requests BROKEN: …').
            keys: --key-file, else Audit__Key (and Audit__RetiredKeys__0, __1, …) from the environment, else
            Audit__KeyFile, else <db name>.audit-key beside the database (where the host's embedded default keeps it).
            anchors: --anchor-file, else Audit__AnchorFile, else <db name>.audit-anchor beside the database.
            A key or anchor file named by an option or a variable must exist.
            exit status: 0 intact, 1 bad input (command line, database, keys or anchor file), 2 broken.
            {StoreArgs.Help}
            """,
        Examples = ["chatopsjit audit verify --db data/chatopsjit.db --requests"],
    };

    public static async Task<int> RunAsync(ParsedOptions options, TextWriter output, TextWriter error, AuditCliEnvironment environment)
    {
        var (sources, problem) = await AuditSources.OpenAsync(options, environment);
        if (sources is null)
        {
            error.WriteLine(problem);
            return CliCommand.BadInput;
        }

        var (keys, keyOrigin, keyProblem) = sources.Keys();
        if (keyProblem is not null)
        {
            error.WriteLine(keyProblem);
            return CliCommand.BadInput;
        }

        var (anchorPath, named) = sources.AnchorFile();
        if (named && !File.Exists(anchorPath))
        {
            error.WriteLine($"error: anchor file '{anchorPath}' does not exist");
            return CliCommand.BadInput;
        }

        try
        {
            return await VerifyAsync(sources, keys, keyOrigin, new FileAuditAnchor(anchorPath), options.Has("requests"), output, error);
        }
        catch (SqliteException e)
        {
            error.WriteLine($"error: cannot read the database '{sources.DatabaseFile}': {e.Message}");
            return CliCommand.BadInput;
        }
    }

    private static async Task<int> VerifyAsync(
        AuditSources sources, IReadOnlyList<AuditKey> keys, string keyOrigin, FileAuditAnchor anchors, bool requests, TextWriter output, TextWriter error)
    {
        var verifier = new AuditVerifier(keys, await anchors.ReadAllAsync(), $"'{anchors.Location}'");
        var rows = requests ? new RequestAudit() : null;
        // The records and the rows from one snapshot, so a host committing meanwhile cannot make a row look edited.
        await using var snapshot = await SqliteReadSnapshot.OpenAsync(sources.Database);
        await foreach (var record in snapshot.ReadAuditAsync())
        {
            if (verifier.Add(record) is not null)
            {
                break;
            }

            rows?.Add(record);
        }

        if (verifier.Finish() is { } broken)
        {
            error.WriteLine(broken.Sequence is { } at ? $"audit chain BROKEN at record {at}: {broken.Message}" : $"audit chain BROKEN: {broken.Message}");
            if (broken.Message.Contains("not among the keys given", StringComparison.Ordinal))
            {
                error.WriteLine($"(keys from {keyOrigin}: {(keys.Count == 0 ? "none" : string.Join(", ", keys.Select(k => k.Id)))})");
            }

            return AuditCommands.Broken;
        }

        var problems = new List<string>();
        if (rows is not null)
        {
            await foreach (var row in snapshot.ReadRequestRowsAsync())
            {
                if (rows.Check(row) is { } wrong)
                {
                    problems.Add(wrong);
                }
            }

            problems.AddRange(rows.Unmatched());
        }

        Report(verifier, anchors.Location, keyOrigin, output);
        if (rows is not null && problems.Count == 0)
        {
            output.WriteLine($"requests: {rows.Checked} row(s) match their last audit record" +
                             (rows.LegacyOnly > 0 ? $"; {rows.LegacyOnly} with only legacy records (no snapshot) were not checked" : ""));
        }

        foreach (var wrong in problems)
        {
            error.WriteLine($"requests BROKEN: {wrong}");
        }

        return problems.Count == 0 ? 0 : AuditCommands.Broken;
    }

    private static void Report(AuditVerifier verifier, string anchorLocation, string keyOrigin, TextWriter output)
    {
        var epochs = verifier.Epochs.Select(e =>
            (e.Number == 0 ? "legacy sha256" : $"epoch {e.Number}, key {e.KeyId}") + ": " + (e.First == e.Last ? $"record {e.First}" : $"records {e.First}-{e.Last}"));
        output.WriteLine($"audit chain intact: {verifier.Count} records" +
                         (verifier.Epochs.Count == 0 ? "" : $" in {verifier.Epochs.Count} epoch(s) ({string.Join("; ", epochs)})"));
        output.WriteLine(verifier.Head is { } head
            ? $"head: record {head.Sequence} ({head.Kind}{(head.RequestId.Length > 0 ? ", " + head.RequestId : "")}) at {AuditVerifier.When(head.At)}, MAC {head.Mac}"
            : "head: none (the log is empty)");
        output.WriteLine(verifier.LastAnchor is { } anchor
            ? $"last anchor: record {anchor.Sequence} at {AuditVerifier.When(anchor.At)} ({verifier.AnchorCount} anchor(s) in '{anchorLocation}')" +
              (anchor.Sequence < verifier.Head?.Sequence ? $"; records {anchor.Sequence + 1}-{verifier.Head.Sequence} are newer than it" : "")
            : $"last anchor: none in '{anchorLocation}'");
        output.WriteLine($"keys: {keyOrigin}");
        if (verifier.LegacyCount > 0)
        {
            output.WriteLine($"note: {verifier.LegacyCount} legacy record(s) (unkeyed SHA-256, from before keyed MACs) are protected only by the keyed records after them and by the anchors");
        }
    }
}
