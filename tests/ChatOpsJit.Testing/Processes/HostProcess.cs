using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChatOpsJit.Testing.Processes;

/// <summary>
/// The built host (<c>src/ChatOpsJit.Host/bin/&lt;Configuration&gt;/net10.0/ChatOpsJit.Host.dll</c>) run as its own OS
/// process on a fixed loopback port, configured on its command line. It can be started again on the same port after a
/// stop or a kill, as a replica behind a load balancer is.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly List<RunningProcess> _runs = [];

    public HostProcess(string name, IReadOnlyDictionary<string, string> settings, string folder)
    {
        Name = name;
        _settings = settings;
        Folder = folder;
        Port = FreePort();
        Directory.CreateDirectory(folder);
    }

    /// <summary>The configuration the running test assembly was built in (bin/&lt;Configuration&gt;/net10.0), so the host's build matches.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string HostDll => Path.Combine(RepoPaths.Root, "src", "ChatOpsJit.Host", "bin", Configuration, "net10.0", "ChatOpsJit.Host.dll");

    public string Name { get; }

    /// <summary>The process's working folder.</summary>
    public string Folder { get; }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The current run, null before the first start.</summary>
    public RunningProcess? Current => _runs.Count == 0 ? null : _runs[^1];

    public bool IsRunning => Current is { HasExited: false };

    /// <summary>Every line each run printed, run by run, for a failure message.</summary>
    public string Output => string.Join("\n", _runs.Select((r, i) => $"--- {Name} run {i + 1} (pid {r.Id})\n" + string.Join('\n', r.Lines)));

    /// <summary>Starts the host and waits until <c>/readyz</c> answers 200 (store reachable, policies loaded).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        var args = new List<string> { HostDll, $"--Urls={BaseUrl}" };
        args.AddRange(_settings.Select(s => $"--{s.Key}={s.Value}"));
        var run = RunningProcess.Start(Folder, "dotnet", args);
        _runs.Add(run);
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (run.HasExited)
            {
                Assert.Fail($"{Name} exited with {run.ExitCode} before it was ready:\n{string.Join('\n', run.Lines)}");
            }

            try
            {
                using var response = await Probe.GetAsync(BaseUrl + "/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer while it starts.
            }

            if (waited.Elapsed > limit)
            {
                Assert.Fail($"{Name} was not ready after {limit.TotalSeconds:0} s:\n{string.Join('\n', run.Lines)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops the host gracefully (SIGTERM, as a deploy does) and waits for it to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        var run = Current ?? throw new InvalidOperationException($"{Name} never started");
        PosixSignals.Send(run.Id, PosixSignals.Terminate);
        await run.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return run.ExitCode;
    }

    /// <summary>Kills the host with SIGKILL (no shutdown code runs at all) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        var run = Current ?? throw new InvalidOperationException($"{Name} never started");
        run.Kill();
        await run.WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Freezes the host (SIGSTOP): it runs no code, holds what it held, answers nothing, until <see cref="Resume"/>.</summary>
    public void Pause() => PosixSignals.Send((Current ?? throw new InvalidOperationException($"{Name} never started")).Id, PosixSignals.Stop);

    /// <summary>Lets a frozen host run on (SIGCONT).</summary>
    public void Resume() => PosixSignals.Send((Current ?? throw new InvalidOperationException($"{Name} never started")).Id, PosixSignals.Continue);

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            // A frozen process takes SIGKILL too.
            run.Stop();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
