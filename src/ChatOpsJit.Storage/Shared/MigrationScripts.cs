using System.Globalization;
using System.Reflection;

namespace ChatOpsJit.Storage.Shared;

/// <summary>Reads a provider's embedded <c>NNNN_name.sql</c> scripts, in order, refusing gaps and duplicates.</summary>
internal static class MigrationScripts
{
    public static IReadOnlyList<Migration> Load(string prefix)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(prefix, assembly, name))
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

    private static Migration Read(string prefix, Assembly assembly, string resource)
    {
        var fileName = resource[prefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"migration script '{fileName}.sql' must be named NNNN_description.sql");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
