using System.Data.Common;

namespace ChatOpsJit.Storage;

/// <summary>What a store needs of its database, whichever the provider: shared durable writes, reads, and its dialect.</summary>
/// <remarks>
/// A store written once against this serves SQLite and PostgreSQL alike, so a fix to it lands once. The provider's own
/// <c>WriteAsync</c> (group commit; on PostgreSQL the audit lock first) and connection settings stand behind it unchanged.
/// </remarks>
public interface IStoreDatabase
{
    /// <summary>The few words and types the two providers spell differently.</summary>
    StoreDialect Dialect { get; }

    /// <summary>Runs <paramref name="work"/> in a transaction shared with the writes that arrive with it; returns once it has committed.</summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled connection of its own.</summary>
    Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken);
}
