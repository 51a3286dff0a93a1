using System.Diagnostics.Metrics;
using ChatOpsJit.Host.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Host.Tests;

/// <summary>A temporary folder deleted at disposal.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatopsjit-host-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file and moves its write time on, so a same-size edit within the clock's tick is still seen.</summary>
    public string Write(string name, string content)
    {
        var path = File(name);
        var existed = System.IO.File.Exists(path);
        var previous = existed ? System.IO.File.GetLastWriteTimeUtc(path) : default;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        if (existed && System.IO.File.GetLastWriteTimeUtc(path) <= previous)
        {
            System.IO.File.SetLastWriteTimeUtc(path, previous.AddSeconds(1));
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class TestSupport
{
    public static ChatOpsJitMetrics Metrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    /// <summary>The repository root (the folder holding ChatOpsJit.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "ChatOpsJit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatOpsJit.sln not found above " + AppContext.BaseDirectory);
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }
    }
}
