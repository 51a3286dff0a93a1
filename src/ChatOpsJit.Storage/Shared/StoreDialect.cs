using System.Globalization;
using ChatOpsJit.Storage.Postgres;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Storage;

/// <summary>How SQLite and PostgreSQL differ where the shared stores meet them: times, and a few SQL spellings.</summary>
public sealed class StoreDialect
{
    /// <summary>Times as fixed-width ISO-8601 text (<see cref="SqliteTime"/>); ASCII case folding; no row locks.</summary>
    public static readonly StoreDialect Sqlite = new(
        at => SqliteTime.ToText(at),
        value => SqliteTime.Parse((string)value),
        (column, parameter) => $"substr({column}, 1, length({parameter})) = {parameter}",
        column => column,
        (column, parameter) => $"{column} = {parameter} COLLATE NOCASE",
        "",
        parameter => parameter);

    /// <summary>Times as <c>timestamptz</c> (<see cref="PostgresTime"/>); code-point ordering as in SQLite; <c>FOR UPDATE</c>.</summary>
    public static readonly StoreDialect Postgres = new(
        at => PostgresTime.ToDb(at),
        value => PostgresTime.FromDb(Convert.ToDateTime(value, CultureInfo.InvariantCulture)),
        (column, parameter) => $"starts_with({column}, {parameter})",
        column => $"{column} COLLATE \"C\"",
        (column, parameter) => $"lower({column}) = lower({parameter})",
        "FOR UPDATE",
        parameter => $"{parameter}::text");

    private readonly Func<DateTimeOffset, object> _toDb;
    private readonly Func<object, DateTimeOffset> _fromDb;
    private readonly Func<string, string, string> _startsWith;
    private readonly Func<string, string> _orderedAsText;
    private readonly Func<string, string, string> _equalsIgnoringCase;
    private readonly Func<string, string> _text;

    private StoreDialect(
        Func<DateTimeOffset, object> toDb, Func<object, DateTimeOffset> fromDb, Func<string, string, string> startsWith, Func<string, string> orderedAsText,
        Func<string, string, string> equalsIgnoringCase, string lockRows, Func<string, string> text)
    {
        _toDb = toDb;
        _fromDb = fromDb;
        _startsWith = startsWith;
        _orderedAsText = orderedAsText;
        _equalsIgnoringCase = equalsIgnoringCase;
        LockRows = lockRows;
        _text = text;
    }

    /// <summary>Locks the rows a SELECT read until the transaction ends (nothing in SQLite, whose writer holds the file).</summary>
    public string LockRows { get; }

    /// <summary>A time as this provider stores it.</summary>
    public object ToDb(DateTimeOffset at) => _toDb(at);

    /// <summary>A time column as read back (text in SQLite, a UTC <see cref="DateTime"/> in PostgreSQL).</summary>
    public DateTimeOffset FromDb(object value) => _fromDb(value);

    /// <summary>
    /// <paramref name="column"/> starts with <paramref name="parameter"/>, taken literally (LIKE would read '%' and '_').
    /// </summary>
    public string StartsWith(string column, string parameter) => _startsWith(column, parameter);

    /// <summary>An ORDER BY term that sorts text by code point, as SQLite's default collation does.</summary>
    public string OrderedAsText(string column) => _orderedAsText(column);

    /// <summary><paramref name="column"/> equals <paramref name="parameter"/>, ignoring case.</summary>
    public string EqualsIgnoringCase(string column, string parameter) => _equalsIgnoringCase(column, parameter);

    /// <summary>A text parameter that may be NULL (PostgreSQL must be told its type).</summary>
    public string Text(string parameter) => _text(parameter);
}
