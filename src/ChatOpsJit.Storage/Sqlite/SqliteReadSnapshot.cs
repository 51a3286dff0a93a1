using System.Runtime.CompilerServices;
using ChatOpsJit.Core.Audit;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>
/// One consistent view of the database for reading the audit chain and the request rows together: a read transaction,
/// so commits a running host makes meanwhile are not seen (WAL), and no row looks newer than its last audit record.
/// </summary>
public sealed class SqliteReadSnapshot : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private SqliteReadSnapshot(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<SqliteReadSnapshot> OpenAsync(SqliteDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenConnectionAsync(cancellationToken);
        // Deferred: the snapshot is taken by the first read and holds until disposal.
        return new SqliteReadSnapshot(connection, connection.BeginTransaction(deferred: true));
    }

    /// <summary>Every audit record in sequence order.</summary>
    public IAsyncEnumerable<AuditRecord> ReadAuditAsync(CancellationToken cancellationToken = default) =>
        SqliteAuditLog.QueryAsync(_connection, _transaction, "", "ORDER BY seq", _ => { }, cancellationToken);

    /// <summary>Every request row as stored, columns and JSON, in id order: what <c>audit verify --requests</c> holds to the audit trail.</summary>
    public async IAsyncEnumerable<RequestRow> ReadRequestRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT id, state, requester_email, node_id, version, json FROM access_requests ORDER BY id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new RequestRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
