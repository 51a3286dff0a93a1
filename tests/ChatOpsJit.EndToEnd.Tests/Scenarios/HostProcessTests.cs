using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>The host as a newcomer starts it: as its own process, from README's command.</summary>
public sealed class HostProcessTests
{
    // The configuration this test assembly was built in (bin/<Configuration>/net10.0), so the host's build matches.
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    [Test]
    public async Task A_port_in_use_is_one_line_naming_Urls_and_how_to_choose_another_not_a_stack_trace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var data = new Scratch();
        var host = Path.Combine(RepoPaths.Root, "src", "ChatOpsJit.Host", "bin", Configuration, "net10.0", "ChatOpsJit.Host.dll");

        var (exit, output, error) = await RunAsync(data.Path, "dotnet", host, $"--Urls=http://localhost:{port}", $"--Storage:ConnectionString=Data Source={data.File("db.sqlite")}");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith($"configuration error: Urls: port {port} (http://localhost:{port}) is already in use by another program; stop it, or choose another port, e.g. --Urls=http://localhost:{port + 1}"));
            Assert.That(output + error, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public async Task Under_dotnet_run_the_host_reads_the_repository_samples_the_user_edits_not_the_copy_under_bin()
    {
        using var data = new Scratch();
        var project = Path.Combine(RepoPaths.Root, "src", "ChatOpsJit.Host");
        // Started from an unrelated folder: dotnet run still works in the repository root, where README's commands point.
        var run = Start(data.Path, "dotnet", "run", "--project", project, "--no-build", "-c", Configuration, "--",
            "--Urls=http://127.0.0.1:0", $"--Storage:ConnectionString=Data Source={data.File("db.sqlite")}");
        try
        {
            var loaded = await run.ReadLineAsync(l => l.Contains("Loaded policies from", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            Assert.That(loaded, Does.Contain(Path.Combine(RepoPaths.Root, "samples", "policies") + ":"));
            Assert.That(loaded, Does.Not.Contain(Path.Combine("bin", Configuration)));
        }
        finally
        {
            run.Stop();
        }
    }

    /// <summary>A temporary folder for one run's database, removed afterwards.</summary>
    private sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("chatopsjit-process-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string folder, string file, params string[] args)
    {
        using var process = Process.Start(Info(folder, file, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }

    private static RunningProcess Start(string folder, string file, params string[] args) => new(Process.Start(Info(folder, file, args))!);

    private static ProcessStartInfo Info(string folder, string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Information-level logs, whatever the test run's environment says.
        info.Environment["Logging__LogLevel__Default"] = "Information";
        return info;
    }

    /// <summary>A started process whose output lines are collected as they come.</summary>
    private sealed class RunningProcess
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        public RunningProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Add(e.Data);
            _process.ErrorDataReceived += (_, e) => Add(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public async Task<string> ReadLineAsync(Func<string, bool> wanted, TimeSpan timeout)
        {
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (DateTimeOffset.UtcNow < deadline)
            {
                lock (_lines)
                {
                    if (_lines.FirstOrDefault(wanted) is { } line)
                    {
                        return line;
                    }
                }

                if (_process.HasExited)
                {
                    break;
                }

                await Task.Delay(100);
            }

            lock (_lines)
            {
                Assert.Fail($"the host never printed the line; it printed:\n{string.Join('\n', _lines)}");
            }

            return "";
        }

        public void Stop()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
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
}
