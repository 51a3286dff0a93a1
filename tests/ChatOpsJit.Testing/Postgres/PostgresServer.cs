using System.Diagnostics;
using Npgsql;

namespace ChatOpsJit.Testing.Postgres;

/// <summary>
/// The real PostgreSQL the tests share: the one <c>./test.sh</c> started (<c>CHATOPSJIT_TEST_POSTGRES</c>, a superuser
/// connection string to the maintenance database), else one this process starts with <c>tests/postgres/start.sh</c> and
/// stops at exit. Each test takes a fresh database of its own, so tests never see each other's rows.
/// </summary>
public sealed class PostgresServer
{
    public const string Variable = "CHATOPSJIT_TEST_POSTGRES";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static PostgresServer? shared;

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>A superuser connection string to the server's maintenance database (<c>postgres</c>).</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server every test of this process uses; started on first use when the test script did not start one.</summary>
    /// <exception cref="InvalidOperationException">Neither the variable nor the start script gave a server that answers (one line why).</exception>
    public static async Task<PostgresServer> SharedAsync()
    {
        if (shared is { } ready)
        {
            return ready;
        }

        await Starting.WaitAsync();
        try
        {
            if (shared is null)
            {
                var configured = Environment.GetEnvironmentVariable(Variable);
                var server = new PostgresServer(string.IsNullOrWhiteSpace(configured) ? await StartOwnAsync() : configured);
                await server.CheckAnswersAsync(string.IsNullOrWhiteSpace(configured) ? "tests/postgres/start.sh" : Variable);
                shared = server;
            }

            return shared;
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Creates a fresh, empty database and returns a connection string to it (same server and user).</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing whatever connections still use it.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("the connection string names no database", nameof(connectionString));
        if (!name.StartsWith("t_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"database '{name}' was not made by CreateDatabaseAsync; it is not dropped", nameof(connectionString));
        }

        // Idle pooled connections would otherwise hold server slots (max_connections) long after the test ended.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task CheckAnswersAsync(string source)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"the PostgreSQL from {source} does not answer: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static async Task<string> StartOwnAsync()
    {
        var script = FindScript("start.sh")
            ?? throw new InvalidOperationException($"no PostgreSQL for the tests: {Variable} is unset and tests/postgres/start.sh was not found above {AppContext.BaseDirectory}");
        var (exit, output, error) = await RunAsync(script, "");
        if (exit != 0)
        {
            var reason = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {exit}";
            throw new InvalidOperationException($"no PostgreSQL for the tests: {Variable} is unset and tests/postgres/start.sh failed ({reason})");
        }

        var connectionString = Exported(output, Variable);
        var folder = Exported(output, Variable + "_DIR");
        if (connectionString is null || folder is null)
        {
            throw new InvalidOperationException("no PostgreSQL for the tests: tests/postgres/start.sh printed no connection string");
        }

        var stop = FindScript("stop.sh")!;
        // The server outlives no test run: stopped (and its folder removed) when this test process exits.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync(stop, folder).GetAwaiter().GetResult();
        return connectionString;
    }

    private static string? Exported(string output, string name) =>
        output.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith($"export {name}='", StringComparison.Ordinal) && l.EndsWith('\''))
            .Select(l => l[$"export {name}='".Length..^1])
            .FirstOrDefault();

    private static string? FindScript(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "postgres", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string script, string argument)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        if (argument.Length > 0)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot run {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
