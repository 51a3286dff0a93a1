namespace ChatOpsJit.Host.Configuration;

/// <summary>
/// Resolves configured relative paths: first against the working directory (where an operator keeps their files),
/// then against the application folder (where the shipped samples are copied), so `dotnet run` works from anywhere.
/// </summary>
public static class FileLocator
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var fromWorkingDirectory = Path.GetFullPath(path);
        if (File.Exists(fromWorkingDirectory) || Directory.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        var fromApp = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(fromApp) || Directory.Exists(fromApp) ? fromApp : fromWorkingDirectory;
    }
}
