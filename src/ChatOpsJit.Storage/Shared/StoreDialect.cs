using System.Globalization;
using ChatOpsJit.Storage.Postgres;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Storage;

/// <summary>How SQLite and PostgreSQL differ where the shared stores meet them: times, and a few SQL spellings.</summary>
public abstract class StoreDialect
{
    /// <summary>Times as fixed-width ISO-8601 text (<see cref="SqliteTime"/>); ASCII case folding; no row locks.</summary>
    public static StoreDialect Sqlite { get; } = new SqliteDialect();

    /// <summary>Times as <c>timestamptz</c> (<see cref="PostgresTime"/>); code-point ordering as in SQLite; <c>FOR UPDATE</c>.</summary>
    public static StoreDialect Postgres { get; } = new PostgresDialect();

    /// <summary>Locks the rows a SELECT read until the transaction ends (nothing in SQLite, whose one writer holds the file).</summary>
    public abstract string LockRows { get; }

    /// <summary>A time as this provider stores it.</summary>
    public abstract object ToDb(DateTimeOffset at);

    /// <summary>A time column as read back (text in SQLite, a UTC <see cref="DateTime"/> in PostgreSQL).</summary>
    public abstract DateTimeOffset FromDb(object value);

    /// <summary><paramref name="column"/> starts with <paramref name="parameter"/>, taken literally (LIKE would read '%' and '_').</summary>
    public abstract string StartsWith(string column, string parameter);

    /// <summary>An ORDER BY term that sorts text by code point, as SQLite's default collation does.</summary>
    public abstract string OrderedAsText(string column);

    /// <summary><paramref name="column"/> equals <paramref name="parameter"/>, ignoring case.</summary>
    public abstract string EqualsIgnoringCase(string column, string parameter);

    /// <summary>A text parameter that may be NULL (PostgreSQL must be told its type).</summary>
    public abstract string Text(string parameter);

    /// <summary>
    /// Ends a claim's SELECT: on PostgreSQL a row another replica is claiming right now is passed over rather than waited
    /// for, and the lock re-checks the lease on the row's latest version; SQLite's one writer holds the file anyway.
    /// </summary>
    public abstract string SkipLocked { get; }

    /// <summary>
    /// <paramref name="column"/> is among the values <paramref name="select"/> returns. On PostgreSQL the subquery runs once
    /// into an array, so the outer statement finds each row by its key: as a join, the planner matched a claim's few rows
    /// against the whole table by hash, reading every row of it on each claim.
    /// </summary>
    public abstract string AmongSelected(string column, string select);

    /// <summary>The larger of two values of one row (SQLite's two-argument max).</summary>
    public abstract string Greatest(string first, string second);

    /// <summary><paramref name="column"/> is one of the array or list <paramref name="parameter"/>.</summary>
    public abstract string InList(string column, string parameter);

    private sealed class SqliteDialect : StoreDialect
    {
        public override string LockRows => "";

        public override object ToDb(DateTimeOffset at) => SqliteTime.ToText(at);

        public override DateTimeOffset FromDb(object value) => SqliteTime.Parse((string)value);

        public override string StartsWith(string column, string parameter) => $"substr({column}, 1, length({parameter})) = {parameter}";

        public override string OrderedAsText(string column) => column;

        public override string EqualsIgnoringCase(string column, string parameter) => $"{column} = {parameter} COLLATE NOCASE";

        public override string Text(string parameter) => parameter;

        public override string SkipLocked => "";

        public override string AmongSelected(string column, string select) => $"{column} IN ({select})";

        public override string Greatest(string first, string second) => $"max({first}, {second})";

        public override string InList(string column, string parameter) => $"{column} IN {parameter}";
    }

    private sealed class PostgresDialect : StoreDialect
    {
        public override string LockRows => "FOR UPDATE";

        public override object ToDb(DateTimeOffset at) => PostgresTime.ToDb(at);

        public override DateTimeOffset FromDb(object value) => PostgresTime.FromDb(Convert.ToDateTime(value, CultureInfo.InvariantCulture));

        public override string StartsWith(string column, string parameter) => $"starts_with({column}, {parameter})";

        public override string OrderedAsText(string column) => $"{column} COLLATE \"C\"";

        public override string EqualsIgnoringCase(string column, string parameter) => $"lower({column}) = lower({parameter})";

        public override string Text(string parameter) => $"{parameter}::text";

        public override string SkipLocked => "FOR UPDATE SKIP LOCKED";

        public override string AmongSelected(string column, string select) => $"{column} = ANY(ARRAY({select}))";

        public override string Greatest(string first, string second) => $"greatest({first}, {second})";

        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";
    }
}
