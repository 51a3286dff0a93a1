using System.Diagnostics;

namespace ChatOpsJit.Testing.Processes;

/// <summary>A started process whose output lines (stdout and stderr) are collected as they come.</summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private bool _disposed;

    public RunningProcess(Process process)
    {
        _process = process;
        Id = process.Id;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The operating system's process id.</summary>
    public int Id { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>Starts <paramref name="file"/> in <paramref name="folder"/> with its output redirected.</summary>
    public static RunningProcess Start(string folder, string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Process.Start(Info(folder, file, args, environment))!);

    /// <summary>Runs <paramref name="file"/> to its end (at most a minute): its exit code, stdout and stderr.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string folder, string file, params string[] args)
    {
        using var process = Process.Start(Info(folder, file, args, null))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The first line that <paramref name="wanted"/> matches, waiting for it; fails the test with all output when none comes.</summary>
    public async Task<string> ReadLineAsync(Func<string, bool> wanted, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (Lines.FirstOrDefault(wanted) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the process never printed the line; it printed:\n{string.Join('\n', Lines)}");
        return "";
    }

    /// <summary>Waits for the process to end; fails the test when it outlives <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"process {Id} did not exit within {timeout.TotalSeconds:0} s; it printed:\n{string.Join('\n', Lines.TakeLast(40))}");
        }
    }

    /// <summary>Ends the process and its children at once (SIGKILL on Linux), if it still runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Ends the process and its children at once, if it still runs, and releases it.</summary>
    public void Stop()
    {
        if (_disposed)
        {
            return;
        }

        Kill();
        _process.WaitForExit(10_000);
        _disposed = true;
        _process.Dispose();
    }

    public void Dispose() => Stop();

    private static ProcessStartInfo Info(string folder, string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Information-level logs, whatever the test run's environment says.
        info.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
