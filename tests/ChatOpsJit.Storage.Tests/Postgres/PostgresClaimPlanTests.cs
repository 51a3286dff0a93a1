using System.Text.Json;
using ChatOpsJit.Storage.Postgres;
using Dapper;

namespace ChatOpsJit.Storage.Tests.Postgres;

/// <summary>
/// The claims' plans on a queue that has churned: thousands of rows already delivered or done, each leaving dead row
/// versions in the indexes until VACUUM. A claim must read its index in claim order and stop at the limit; reading every
/// undelivered row through a bitmap and sorting them cost 4 ms a claim under bench/expiry, inside the shared write.
/// </summary>
public sealed class PostgresClaimPlanTests : PostgresTestBase
{
    private const int Churned = 20_000;
    private const int Due = 3_000;

    [Test]
    public async Task The_outbox_claim_walks_its_ordered_index_and_stops_at_the_limit_past_thousands_of_delivered_rows()
    {
        var database = (await MigratedReplicasAsync(1))[0];
        await ExecuteAsync(database,
            $"""
            ALTER TABLE outbox SET (autovacuum_enabled = false);
            INSERT INTO outbox (request_id, request_version, kind, platform, recipient, card_key, card_id, idempotency_key, created_at, due_at)
            SELECT 'ar-' || (g / 3), 1, (ARRAY['DirectMessage', 'CardUpdate', 'Email'])[1 + g % 3], 'slack', 'dev@example.com',
                   CASE WHEN g % 3 < 2 THEN 'request:ar-' || (g / 3) END, 'ar-' || (g / 3) || ':1:0', 'key-' || g, now() - interval '1 hour', now() - interval '1 hour' + g * interval '1 ms'
            FROM generate_series(1, {Churned + Due}) AS g;
            -- Claimed, then delivered, as the workers do: two row versions left behind for each.
            UPDATE outbox SET lease_until = now() + interval '2 minutes', attempts = attempts + 1 WHERE id <= {Churned};
            UPDATE outbox SET delivered_at = now(), lease_until = NULL WHERE id <= {Churned};
            ANALYZE outbox;
            """);

        var plan = await PlanAsync(database, PostgresOutboxStore.ClaimSql, ClaimArguments());

        var nodes = Nodes(plan).ToList();
        Assert.That(nodes.Where(n => n.Relation == "outbox" && n.Alias == "o").Select(n => (n.Type, n.Index)),
            Is.EqualTo(new[] { ("Index Scan", "ix_outbox_due") }), "the claimed rows come from the ordered index of undelivered rows");
        AssertFoundByKey(nodes, "outbox");
    }

    [Test]
    public async Task The_job_claim_walks_its_ordered_index_and_stops_at_the_limit_past_thousands_of_finished_jobs()
    {
        var database = (await MigratedReplicasAsync(1))[0];
        await ExecuteAsync(database,
            $"""
            ALTER TABLE jobs SET (autovacuum_enabled = false);
            INSERT INTO jobs (request_id, kind, created_at, due_at)
            SELECT 'ar-' || g, 'Expire', now() - interval '1 hour', now() - interval '1 hour' + g * interval '1 ms'
            FROM generate_series(1, {Churned + Due}) AS g;
            -- Claimed, then completed (deleted), as the scheduler does.
            UPDATE jobs SET lease_until = now() + interval '2 minutes', attempts = attempts + 1 WHERE id <= {Churned};
            DELETE FROM jobs WHERE id <= {Churned};
            ANALYZE jobs;
            """);

        var plan = await PlanAsync(database, new JobStore(database).ClaimSql, ClaimArguments());

        var nodes = Nodes(plan).ToList();
        Assert.That(nodes.Where(n => n.Relation == "jobs" && n.Alias == "jobs_1").Select(n => (n.Type, n.Index)),
            Is.EqualTo(new[] { ("Index Scan", "ix_jobs_due") }), "the due jobs come from the index in claim order");
        AssertFoundByKey(nodes, "jobs");
    }

    // The claimed rows are then leased by their primary key (one lookup each, or a bitmap of them), and nothing is sorted:
    // no table is read whole and no index is read beyond the limit.
    private static void AssertFoundByKey(IReadOnlyList<(string Type, string? Relation, string? Alias, string? Index)> nodes, string table)
    {
        Assert.That(nodes.Select(n => n.Type), Has.None.Contains("Sort").And.None.EqualTo("Seq Scan"), "nothing is sorted and no table is read whole");
        Assert.That(nodes.Where(n => n.Type == "Bitmap Index Scan").Select(n => n.Index), Is.All.EqualTo($"{table}_pkey"), "a bitmap only over the claimed keys");
        Assert.That(nodes.Where(n => n.Relation == table && n.Alias == table && n.Type is "Index Scan").Select(n => n.Index)
            .Concat(nodes.Where(n => n.Type == "Bitmap Index Scan").Select(n => n.Index)), Is.EqualTo(new[] { $"{table}_pkey" }),
            "the lease is written to each claimed row found by its key");
    }

    // The rows fall due relative to the server's now(), so the claim runs at the real time.
    private static object ClaimArguments()
    {
        var now = TimeProvider.System.GetUtcNow();
        return new { Now = PostgresTime.ToDb(now), LeaseUntil = PostgresTime.ToDb(now.AddMinutes(2)), Max = 256 };
    }

    private static async Task ExecuteAsync(PostgresDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await connection.ExecuteAsync(sql);
    }

    private static async Task<JsonElement> PlanAsync(PostgresDatabase database, string sql, object args)
    {
        await using var connection = await database.OpenConnectionAsync();
        var json = await connection.ExecuteScalarAsync<string>($"EXPLAIN (FORMAT JSON) {sql}", args);
        return JsonDocument.Parse(json!).RootElement[0].GetProperty("Plan");
    }

    private static IEnumerable<(string Type, string? Relation, string? Alias, string? Index)> Nodes(JsonElement node)
    {
        yield return (node.GetProperty("Node Type").GetString()!, Text(node, "Relation Name"), Text(node, "Alias"), Text(node, "Index Name"));
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    private static string? Text(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetString() : null;
}
