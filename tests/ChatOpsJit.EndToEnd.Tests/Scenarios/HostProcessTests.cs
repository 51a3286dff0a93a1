using System.Net;
using System.Net.Sockets;
using ChatOpsJit.Testing.Processes;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>The host as a newcomer starts it: as its own process, from README's command.</summary>
public sealed class HostProcessTests
{
    private static string Configuration => HostProcess.Configuration;

    [Test]
    public async Task A_port_in_use_is_one_line_naming_Urls_and_how_to_choose_another_not_a_stack_trace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var data = new Scratch();
        var (exit, output, error) = await RunningProcess.RunAsync(data.Path, "dotnet", HostProcess.HostDll, $"--Urls=http://localhost:{port}", $"--Storage:ConnectionString=Data Source={data.File("db.sqlite")}");

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
        using var run = RunningProcess.Start(data.Path, "dotnet", ["run", "--project", project, "--no-build", "-c", Configuration, "--",
            "--Urls=http://127.0.0.1:0", $"--Storage:ConnectionString=Data Source={data.File("db.sqlite")}"]);

        var loaded = await run.ReadLineAsync(l => l.Contains("Loaded policies from", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.That(loaded, Does.Contain(Path.Combine(RepoPaths.Root, "samples", "policies") + ":"));
        Assert.That(loaded, Does.Not.Contain(Path.Combine("bin", Configuration)));
    }

    /// <summary>A temporary folder for one run's database, removed afterwards.</summary>
    private sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("chatopsjit-process-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
