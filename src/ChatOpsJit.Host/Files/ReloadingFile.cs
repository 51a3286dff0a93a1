namespace ChatOpsJit.Host.Files;

/// <summary>
/// A parsed file that is re-read when it changes on disk (checked on each access by its write time and size), so an
/// edit to the directory is in force at the next click. An edit that does not parse keeps the last good content.
/// </summary>
public sealed class ReloadingFile<T>(string path, Func<string, T> parse, ILogger logger) where T : class
{
    private readonly Lock _gate = new();
    private (DateTime WrittenAt, long Length) _stamp;
    private T? _value;

    public string Path { get; } = path;

    public T Value
    {
        get
        {
            var info = new FileInfo(Path);
            var stamp = info.Exists ? (info.LastWriteTimeUtc, info.Length) : default;
            lock (_gate)
            {
                if (_value is not null && stamp == _stamp)
                {
                    return _value;
                }

                try
                {
                    _value = parse(File.ReadAllText(Path));
                    _stamp = stamp;
                    logger.LogInformation("Loaded {File}", Path);
                }
                // Any failure of a changed file keeps the good value: a half-saved edit must not take the service down.
                catch (Exception e) when (_value is not null && e is not OutOfMemoryException)
                {
                    logger.LogError("Keeping the last good {File}: {Error}", Path, e.Message);
                    _stamp = stamp;
                }

                return _value;
            }
        }
    }
}
