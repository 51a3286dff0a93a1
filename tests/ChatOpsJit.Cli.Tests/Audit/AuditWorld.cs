using ChatOpsJit.Cli.Commands;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Cli.Tests.Audit;

/// <summary>
/// A real SQLite database set up as the embedded default leaves it: the key ring and the anchor file beside it, records
/// written through the real store, anchors written as the host writes them. Attacks go through raw SQL, as someone
/// who can write the database file (but cannot read the key) would make them.
/// </summary>
internal sealed class AuditWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset AnchoredAt = new(2026, 12, 1, 10, 2, 0, TimeSpan.Zero);

    private AuditWorld(string folder, SqliteDatabase database)
    {
        Folder = folder;
        Database = database;
    }

    public string Folder { get; }

    public string DatabaseFile => Path.Combine(Folder, "data", "chatopsjit.db");

    public string KeyFile => Path.Combine(Folder, "data", "chatopsjit.audit-key");

    public string AnchorFile => Path.Combine(Folder, "data", "chatopsjit.audit-anchor");

    public SqliteDatabase Database { get; }

    /// <summary>The key ring as the host reads it at start-up (created on first use).</summary>
    public AuditKeyRing Keys => AuditKeyFile.ReadOrCreate(KeyFile).Ring;

    /// <summary>The environment the CLI sees: none of the Audit__ variables unless a test adds them.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public static async Task<AuditWorld> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("chatopsjit-audit-cli-").FullName;
        var database = await SqliteStore.OpenAsync($"Data Source={Path.Combine(folder, "data", "chatopsjit.db")}");
        return new AuditWorld(folder, database);
    }

    public static AccessRequest Request(int i) => new()
    {
        Id = $"ar-{i:x8}",
        Version = 1,
        State = AccessRequestState.Pending,
        RequesterEmail = "dev@example.com",
        RequesterName = "Dev",
        OriginPlatform = PlatformName.Console,
        NodeId = $"i-{i:x8}",
        NodeName = "web-1",
        Reason = "disk full",
        Duration = TimeSpan.FromHours(1),
        Levels = [new ApprovalLevel(["sre-leads"], 1)],
        CreatedAt = T0.AddMinutes(i),
        PendingUntil = T0.AddDays(7),
    };

    /// <summary>
    /// Runs <paramref name="requests"/> requests (numbered from <paramref name="first"/>) through submitted, approved and
    /// active, so the log grows by 3 records per request; returns the active requests.
    /// </summary>
    public async Task<List<AccessRequest>> CommitAsync(int requests, int first = 1)
    {
        var store = new SqliteAccessRequestStore(Database, Keys);
        var done = new List<AccessRequest>();
        for (var i = first; i < first + requests; i++)
        {
            var pending = Request(i);
            var at = pending.CreatedAt;
            Assert.That(await store.TryCommitAsync(Transition(pending, 0, AuditKinds.RequestSubmitted, at)), Is.True);
            var approved = pending with { Version = 2, State = AccessRequestState.Approved, DecidedBy = "lead@example.com" };
            Assert.That(await store.TryCommitAsync(Transition(approved, 1, AuditKinds.RequestApproved, at.AddSeconds(10))), Is.True);
            var active = approved with { Version = 3, State = AccessRequestState.Active, ActivatedAt = at.AddSeconds(20), ExpiresAt = at.AddHours(1) };
            Assert.That(await store.TryCommitAsync(Transition(active, 2, AuditKinds.GrantIssued, at.AddSeconds(20))), Is.True);
            done.Add(active);
        }

        return done;
    }

    /// <summary>Moves <paramref name="request"/> on to <paramref name="state"/> through the real store (one record).</summary>
    public async Task<AccessRequest> MoveAsync(AccessRequest request, AccessRequestState state, string kind, DateTimeOffset at)
    {
        var next = request with { Version = request.Version + 1, State = state, EndedAt = state.IsFinal() ? at : null };
        Assert.That(await new SqliteAccessRequestStore(Database, Keys).TryCommitAsync(Transition(next, request.Version, kind, at)), Is.True);
        return next;
    }

    /// <summary>Anchors the head as the host does (sealed with the current key).</summary>
    public async Task AnchorAsync(DateTimeOffset? at = null)
    {
        var head = await new SqliteAuditLog(Database).ReadHeadAsync();
        await new FileAuditAnchor(AnchorFile).AppendAsync(AuditAnchor.Of(head!, Keys.Current, at ?? AnchoredAt));
    }

    public async Task<List<AuditRecord>> RecordsAsync()
    {
        var records = new List<AuditRecord>();
        await foreach (var record in new SqliteAuditLog(Database).ReadAsync())
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Raw SQL on its own unpooled connection, as an attacker with the database file would run it.</summary>
    public async Task<int> SqlAsync(string sql, object? args = null)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        return await connection.ExecuteAsync(sql, args);
    }

    /// <summary>
    /// An attacker's rewrite: record <paramref name="from"/> gets actor <paramref name="actor"/>, and it and every later
    /// record get a new MAC from <paramref name="mac"/> (and key id <paramref name="keyId"/>), each linked to the one before.
    /// </summary>
    public async Task RewriteFromAsync(long from, string actor, Func<AuditRecord, string> mac, string? keyId = null)
    {
        var records = await RecordsAsync();
        var previous = records.Single(r => r.Sequence == from - 1).Mac;
        foreach (var original in records.Where(r => r.Sequence >= from))
        {
            var forged = original with { Actor = original.Sequence == from ? actor : original.Actor, KeyId = keyId ?? original.KeyId, PreviousMac = previous };
            forged = forged with { Mac = mac(forged) };
            await SqlAsync("UPDATE audit_log SET actor = @Actor, key_id = @KeyId, previous_hash = @PreviousMac, hash = @Mac WHERE seq = @Sequence;",
                new { forged.Actor, forged.KeyId, forged.PreviousMac, forged.Mac, forged.Sequence });
            previous = forged.Mac;
        }
    }

    /// <summary>`chatopsjit audit ARGS` as the operator runs it, with this world's environment.</summary>
    public async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AuditCommands.RunAsync(args, output, error, AuditCliEnvironment.With(Environment, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0.AddDays(1))));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>`chatopsjit audit verify --db FILE` plus <paramref name="more"/>.</summary>
    public Task<(int Code, string Out, string Err)> VerifyAsync(params string[] more) => RunAsync(["verify", "--db", DatabaseFile, .. more]);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static Transition Transition(AccessRequest request, long expected, string kind, DateTimeOffset at) =>
        new(request, expected, new AuditEntry(request.Id, kind, kind == AuditKinds.RequestApproved ? "lead@example.com" : "dev@example.com", at, "{}")
        {
            Request = AuditedRequest.Of(request),
        }, [], [], []);

    public static string Json(AccessRequest request) => CoreJson.Serialize(request);
}
