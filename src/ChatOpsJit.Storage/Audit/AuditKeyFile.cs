using System.Globalization;
using System.Text;
using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Storage.Audit;

/// <summary>
/// The embedded default's key ring: a file beside the database, readable by its owner only, holding one base64 key per
/// line (lines starting with <c>#</c> and blank lines are skipped); the last key seals new records, the others verify
/// older epochs. Messages name the file and lines, never a key.
/// </summary>
public static class AuditKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Reads the ring; throws <see cref="AuditKeyFileException"/> when the file is missing, too open or holds a bad line.</summary>
    public static AuditKeyRing Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditKeyFileException($"'{path}' does not exist");
        }

        if (PermissionProblem(path) is { } problem)
        {
            throw new AuditKeyFileException(problem);
        }

        var (keys, error) = Parse(path, File.ReadAllText(path));
        return error is null ? AuditKeyRing.Of(keys) : throw new AuditKeyFileException(error);
    }

    /// <summary>
    /// Reads the ring, or creates the file with a fresh key when it does not exist. Creation is atomic (create-new), so
    /// of two processes starting together one writes the key and the other reads it.
    /// </summary>
    public static (AuditKeyRing Ring, bool Created) ReadOrCreate(string path)
    {
        if (!File.Exists(path) && TryCreate(path))
        {
            return (Read(path), true);
        }

        // Another process may have created the file a moment ago and not yet written its key.
        for (var attempt = 0; attempt < 100 && HoldsNoKeyYet(path); attempt++)
        {
            Thread.Sleep(20);
        }

        return (Read(path), false);
    }

    /// <summary>Appends a fresh key (the new current one) and returns it; the earlier keys stay to verify their epochs.</summary>
    public static AuditKey AppendNew(string path, DateTimeOffset at)
    {
        _ = Read(path);
        var key = AuditKey.Generate();
        var text = new StringBuilder();
        if (!AppendOnlyFile.EndsWithNewLineOrIsEmpty(path))
        {
            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"# key {key.Id}, added {at.ToUniversalTime():yyyy-MM-dd HH:mm} UTC by chatopsjit audit rotate-key\n");
        text.Append(key.ToBase64()).Append('\n');
        using (var stream = AppendOnlyFile.Open(path, OwnerOnly))
        {
            stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
            stream.Flush(flushToDisk: true);
        }

        return key;
    }

    /// <summary>Why the file may not be used as a key ring (readable or writable by group or others, like ssh refuses), or null.</summary>
    public static string? PermissionProblem(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOthers) == 0
            ? null
            : $"'{path}' is open to group or others (mode {Convert.ToString((int)mode, 8)}); a key file must be readable by its owner only: run chmod 600 '{path}'";
    }

    /// <summary>The keys in <paramref name="text"/>, or the first problem (naming the line, never its content).</summary>
    public static (IReadOnlyList<AuditKey> Keys, string? Error) Parse(string path, string text)
    {
        var keys = new List<AuditKey>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!AuditKey.TryParse(line, out var key, out var problem))
            {
                return ([], $"line {i + 1} of '{path}' {problem}");
            }

            keys.Add(key);
        }

        return keys.Count == 0 ? ([], $"'{path}' holds no key (one base64 key per line)") : (keys, null);
    }

    private static bool TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var key = AuditKey.Generate();
        try
        {
            using var stream = new FileStream(path, options);
            // One write, so a reader that races the creator sees either nothing or the whole key.
            stream.Write(Encoding.UTF8.GetBytes(
                "# ChatOpsJit audit keys: one base64 key per line, the last one seals new records. Keep this file secret (mode 600).\n" +
                key.ToBase64() + "\n"));
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private static bool HoldsNoKeyYet(string path)
    {
        try
        {
            return new FileInfo(path).Length == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }
}

/// <summary>A key file that cannot be used; the message names the file and what to do, never a key.</summary>
public sealed class AuditKeyFileException(string message) : Exception(message);
