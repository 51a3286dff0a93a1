using System.Text;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>Where secrecy tests look for a leaked secret.</summary>
public static partial class Flow
{
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
