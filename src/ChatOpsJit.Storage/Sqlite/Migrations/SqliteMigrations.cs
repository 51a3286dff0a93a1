using System.Globalization;
using System.Reflection;

namespace ChatOpsJit.Storage.Sqlite.Migrations;

/// <summary>The embedded <c>NNNN_name.sql</c> scripts, in order.</summary>
internal static class SqliteMigrations
{
    private const string Prefix = "ChatOpsJit.Storage.Sqlite.Migrations.";

    public static IReadOnlyList<SqliteMigration> All { get; } = Load();

    public static int Latest => All[^1].Version;

    private static SqliteMigration[] Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(m => m.Version)
            .ToArray();

        // A gap or a duplicate number is a packaging mistake; refuse to start rather than skip a change.
        for (var i = 0; i < migrations.Length; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"migration scripts must be numbered 1, 2, 3…; script {i + 1} is '{migrations[i].Name}' with number {migrations[i].Version}");
            }
        }

        return migrations.Length > 0 ? migrations : throw new InvalidOperationException("no migration scripts are embedded");
    }

    private static SqliteMigration Read(Assembly assembly, string resource)
    {
        var fileName = resource[Prefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"migration script '{fileName}.sql' must be named NNNN_description.sql");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SqliteMigration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
