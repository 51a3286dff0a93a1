using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using Dapper;

namespace ChatOpsJit.Storage;

/// <summary>Conversation references: one row per platform and key, the latest save winning.</summary>
public sealed class ConversationStore(IStoreDatabase database, TimeProvider time) : IConversationStore
{
    private readonly string _listSql =
        $"SELECT value FROM conversations WHERE platform = @Platform AND {database.Dialect.StartsWith("key", "@Prefix")} ORDER BY {database.Dialect.OrderedAsText("key")};";

    public Task SaveAsync(PlatformName platform, string key, string value, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conversations (platform, key, value, updated_at) VALUES (@Platform, @Key, @Value, @At)
            ON CONFLICT (platform, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            WHERE conversations.value <> excluded.value;
            """,
            new { Platform = platform.Value, Key = key, Value = value, At = database.Dialect.ToDb(time.GetUtcNow()) },
            transaction, cancellationToken: cancellationToken)), cancellationToken);

    public Task<string?> FindAsync(PlatformName platform, string key, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT value FROM conversations WHERE platform = @Platform AND key = @Key;",
            new { Platform = platform.Value, Key = key }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(PlatformName platform, string keyPrefix, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<string>>(async connection => (await connection.QueryAsync<string>(new CommandDefinition(
            _listSql, new { Platform = platform.Value, Prefix = keyPrefix }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList(),
            cancellationToken);
}
