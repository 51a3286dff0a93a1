using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>Where secrecy tests look for a leaked secret.</summary>
public static partial class Flow
{
    [GeneratedRegex("AWS_ACCESS_KEY_ID=(?<key>\\S+)")]
    private static partial Regex KeyLine();

    /// <summary>The access key id in a credentials card's export lines, or fails the test.</summary>
    public static string KeyIdIn(string? code) =>
        KeyLine().Match(code ?? "") is { Success: true } match ? match.Groups["key"].Value : throw new AssertionException($"no AWS_ACCESS_KEY_ID in '{code}'");

    /// <summary>
    /// Every byte of the database, its WAL and its shared-memory file, read as text: a secret would show in a page even
    /// after a delete.
    /// </summary>
    public static string DatabaseBytes(string databaseFile)
    {
        var text = new StringBuilder();
        foreach (var path in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            text.Append(Encoding.Latin1.GetString(copy.ToArray()));
        }

        return text.ToString();
    }
}
