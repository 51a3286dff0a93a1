using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace ChatOpsJit.Storage.Postgres;

/// <summary>
/// One statement, so one round trip: a guard (a transition's version check, <c>… RETURNING 1</c>) and the inserts and
/// deletes that follow from it, each a data-modifying CTE that takes effect only when the guard wrote its row. Built and
/// executed once.
/// </summary>
/// <remarks>
/// The stores' own statements are reused as written (<c>INSERT INTO t (…) VALUES (@A, …);</c> and <c>DELETE FROM t WHERE …;</c>),
/// so the column lists live in one place; their <c>@Name</c> parameters are bound from an object's public properties, as
/// Dapper binds them. All parts run on one snapshot: a delete does not see a sibling's insert, so a transition may cancel a
/// job of a kind and schedule a new one of that kind in the same statement.
/// </remarks>
internal sealed partial class PostgresGuardedWrite
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Properties = new();
    private readonly StringBuilder _sql = new("WITH guard AS (");
    private readonly NpgsqlCommand _command = new();
    // Keyed by "table (columns)", in the order first added (OrderedDictionary keeps it).
    private readonly OrderedDictionary<string, List<string>> _inserts = new(StringComparer.Ordinal);
    private int _parts;

    /// <param name="guardSql">An INSERT or UPDATE ending in <c>RETURNING 1</c>, without the semicolon.</param>
    public PostgresGuardedWrite(string guardSql, object parameters) => _sql.Append(Bind(guardSql, parameters)).Append(')');

    /// <summary>Adds an <c>INSERT INTO t (…) VALUES (…);</c> that inserts its row only if the guard wrote.</summary>
    /// <remarks>
    /// Rows of the same statement go into one multi-row insert, in the order added: identity columns then number them in
    /// that order (the outbox delivers by id), which separate CTEs, run in no promised order, would not.
    /// </remarks>
    public void Insert(string insertSql, object parameters)
    {
        var insert = InsertShape().Match(insertSql);
        if (!insert.Success)
        {
            throw new ArgumentException($"not a one-row INSERT … VALUES (…): {insertSql}", nameof(insertSql));
        }

        var target = $"{insert.Groups["table"].Value} ({insert.Groups["columns"].Value})";
        if (!_inserts.TryGetValue(target, out var rows))
        {
            _inserts.Add(target, rows = []);
        }

        rows.Add("(" + Bind(insert.Groups["values"].Value, parameters) + ")");
    }

    /// <summary>Adds a <c>DELETE FROM t WHERE …;</c> that deletes only if the guard wrote.</summary>
    public void Delete(string deleteSql, object parameters)
    {
        var delete = DeleteShape().Match(deleteSql);
        if (!delete.Success)
        {
            throw new ArgumentException($"not a DELETE … WHERE …: {deleteSql}", nameof(deleteSql));
        }

        _sql.Append(", p").Append(_parts++).Append(" AS (DELETE FROM ").Append(delete.Groups["table"].Value)
            .Append(" WHERE (").Append(Bind(delete.Groups["where"].Value, parameters)).Append(") AND EXISTS (SELECT 1 FROM guard))");
    }

    /// <summary>Runs the statement; true when the guard wrote its row (and so every part took effect).</summary>
    public async Task<bool> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (target, rows) in _inserts)
        {
            _sql.Append(", p").Append(_parts++).Append(" AS (INSERT INTO ").Append(target)
                .Append(" SELECT v.* FROM (VALUES ").AppendJoin(", ", rows).Append(") AS v CROSS JOIN guard)");
        }

        _command.Connection = connection;
        _command.Transaction = transaction;
        _command.CommandText = _sql.Append(" SELECT count(*) FROM guard;").ToString();
        await using (_command.ConfigureAwait(false))
        {
            return (long)(await _command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
        }
    }

    // Each @Name becomes a positional parameter holding the property Name of parameters.
    private string Bind(string sql, object parameters)
    {
        var properties = Properties.GetOrAdd(parameters.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.Ordinal));
        return Placeholder().Replace(sql, m =>
        {
            if (!properties.TryGetValue(m.Groups[1].Value, out var property))
            {
                throw new ArgumentException($"the statement names @{m.Groups[1].Value}, which its parameters do not have: {sql}", nameof(parameters));
            }

            _command.Parameters.Add(new NpgsqlParameter { Value = property.GetValue(parameters) ?? DBNull.Value });
            return "$" + _command.Parameters.Count;
        });
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\s*INSERT INTO (?<table>\w+) \((?<columns>[^)]*)\)\s*VALUES \((?<values>[^)]*)\);\s*$", RegexOptions.Singleline)]
    private static partial Regex InsertShape();

    [GeneratedRegex(@"^\s*DELETE FROM (?<table>\w+) WHERE (?<where>.*);\s*$", RegexOptions.Singleline)]
    private static partial Regex DeleteShape();
}
