using System.Text.RegularExpressions;
using ChatOpsJit.Deployment.Tests.Support;

namespace ChatOpsJit.Deployment.Tests.Docker;

/// <summary>deploy/docker/Dockerfile read as text: two stages, a chiseled non-root runtime that writes only /data and /tmp.</summary>
public sealed partial class DockerfileTests
{
    private static readonly Dockerfile File = Dockerfile.Parse(Repository.Read("deploy", "docker", "Dockerfile"));

    [Test]
    public void The_sdk_stage_publishes_the_host_and_the_cli_and_the_runtime_stage_is_chiseled_aspnet()
    {
        var stages = File.All("FROM");
        var publish = string.Join("\n", File.All("RUN").Where(r => r.Stage == 0).Select(r => r.Arguments));

        Assert.That(stages, Has.Count.EqualTo(2));
        Assert.That(stages[0].Arguments, Does.Contain("mcr.microsoft.com/dotnet/sdk:10.0").And.EndWith("AS build"));
        Assert.That(stages[1].Arguments, Does.StartWith("mcr.microsoft.com/dotnet/aspnet:10.0-").And.Contain("chiseled"));
        Assert.That(publish, Does.Contain("dotnet publish src/ChatOpsJit.Host -c Release"));
        Assert.That(publish, Does.Contain("dotnet publish src/ChatOpsJit.Cli -c Release"));
        Assert.That(File.Final("COPY").Select(c => c.Arguments), Has.All.StartWith("--from=build"));
    }

    [Test]
    public void The_host_and_the_cli_are_restored_and_published_ReadyToRun()
    {
        // Without the restore flag, publish --no-restore stops with NETSDK1094: no crossgen compiler was restored.
        var runs = File.All("RUN").Where(r => r.Stage == 0).Select(r => r.Arguments).ToList();
        foreach (var project in new[] { "src/ChatOpsJit.Host", "src/ChatOpsJit.Cli" })
        {
            foreach (var verb in new[] { "restore", "publish" })
            {
                var command = runs.SelectMany(r => r.Split("&&")).Single(c => c.Contains($"dotnet {verb} {project} ", StringComparison.Ordinal));
                Assert.That(command, Does.Contain("-p:PublishReadyToRun=true"), $"dotnet {verb} {project}");
            }
        }
    }

    [Test]
    public void The_runtime_stage_runs_no_command_because_a_chiseled_image_has_no_shell()
    {
        Assert.That(File.Final("RUN"), Is.Empty);
    }

    [Test]
    public void Every_source_project_is_copied_before_the_restore()
    {
        var projects = Directory.GetFiles(Repository.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/')).ToList();
        var restore = File.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var copiedBefore = string.Join("\n", File.Instructions.Take(restore).Where(i => i.Keyword == "COPY").Select(i => i.Arguments));

        Assert.That(restore, Is.GreaterThan(0));
        Assert.That(projects, Is.Not.Empty);
        foreach (var project in projects)
        {
            Assert.That(copiedBefore, Does.Contain(project), $"{project} is restored only after every source change");
        }
    }

    [Test]
    public void The_image_runs_as_a_numeric_non_root_user()
    {
        var user = File.Final("USER").Last().Arguments;
        var match = NumericUser().Match(user);

        Assert.That(match.Success, Is.True, $"USER {user} is not numeric uid[:gid]");
        Assert.That(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    [Test]
    public void The_image_exposes_8080_and_listens_there_on_every_interface()
    {
        Assert.That(File.Final("EXPOSE").Select(e => e.Arguments), Is.EqualTo(new[] { "8080" }));
        Assert.That(File.FinalEnv()["Urls"], Is.EqualTo("http://+:8080"));
    }

    [Test]
    public void The_entrypoint_starts_the_host_in_exec_form()
    {
        Assert.That(File.Final("ENTRYPOINT").Single().ExecForm(), Is.EqualTo(new[] { "/app/ChatOpsJit.Host" }));
        Assert.That(File.Final("WORKDIR").Last().Arguments, Is.EqualTo("/app"));
    }

    [Test]
    public void The_healthcheck_runs_the_hosts_own_probe_on_healthz()
    {
        var healthcheck = File.Final("HEALTHCHECK").Single();

        Assert.That(healthcheck.ExecForm(after: "CMD"), Is.EqualTo(new[] { "/app/ChatOpsJit.Host", "healthcheck", "http://127.0.0.1:8080/healthz" }));
        Assert.That(healthcheck.Arguments, Does.Contain("--timeout=5s"));
    }

    [Test]
    public void Everything_the_host_writes_by_default_is_on_the_data_volume()
    {
        var env = File.FinalEnv();

        Assert.That(File.Final("VOLUME").Select(v => v.Arguments), Is.EqualTo(new[] { "/data" }));
        // The audit key ring and the anchor file sit beside the database unless configured elsewhere.
        Assert.That(env["Storage__ConnectionString"], Is.EqualTo("Data Source=/data/chatopsjit.db"));
        Assert.That(env["TMPDIR"], Is.EqualTo("/tmp"));
        Assert.That(env["DOTNET_EnableDiagnostics"], Is.EqualTo("0"), "the diagnostics IPC socket would need a writable TMPDIR");
        Assert.That(File.Final("COPY").Single(c => c.Arguments.EndsWith(" /data", StringComparison.Ordinal)).Arguments, Does.Contain("--chown=1654:1654"));
    }

    [Test]
    public void The_image_caps_malloc_arenas_at_two()
    {
        // glibc reads MALLOC_ARENA_MAX once, before the host's first line: the image's environment is the only place for it.
        Assert.That(File.FinalEnv()["MALLOC_ARENA_MAX"], Is.EqualTo("2"));
    }

    [Test]
    public async Task The_benches_run_the_host_with_the_runtime_settings_the_image_sets()
    {
        // bench/footprint's memory figure holds for the image only if the bench reads the image's settings, every one of them.
        var expected = File.FinalEnv().Where(e => e.Key.StartsWith("DOTNET_", StringComparison.Ordinal) || e.Key.StartsWith("MALLOC_", StringComparison.Ordinal))
            .Select(e => $"{e.Key}={e.Value}").Order(StringComparer.Ordinal).ToArray();
        var script = "source bench/image-env.sh && image_env deploy/docker/Dockerfile >/dev/null && printf '%s\\n' \"${image_settings[@]}\"";

        var (exit, stdout, stderr) = await ToolProcess.RunAsync("bash", ["-c", script], Repository.Root, "bench/image-env.sh", TimeSpan.FromSeconds(30));

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), Is.EqualTo(expected));
        Assert.That(expected, Does.Contain("MALLOC_ARENA_MAX=2").And.Contain("DOTNET_EnableDiagnostics=0"));
    }

    [Test]
    public void The_application_files_belong_to_root_so_the_user_cannot_change_them()
    {
        var app = File.Final("COPY").Single(c => c.Arguments.EndsWith(" /app", StringComparison.Ordinal));

        Assert.That(app.Arguments, Does.Contain("--chown=0:0"));
        Assert.That(File.Final("USER").Last().Arguments, Does.Not.StartWith("0"));
    }

    [Test]
    public void The_cli_is_on_the_path_for_operators()
    {
        Assert.That(File.FinalEnv()["PATH"].Split(':'), Does.Contain("/app/cli"));
        Assert.That(string.Join("\n", File.All("RUN").Select(r => r.Arguments)), Does.Contain("dotnet publish src/ChatOpsJit.Cli -c Release -a $TARGETARCH --no-restore --self-contained false -p:PublishReadyToRun=true -o /out/app/cli"));
    }

    [Test]
    public void The_build_context_leaves_out_build_output_data_secrets_and_git()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.That(ignored, Is.SupersetOf(new[] { "**/bin/", "**/obj/", "**/node_modules/", "data/", ".git/", "**/.env", "*.audit-key" }));
        Assert.That(ignored, Has.None.EqualTo("src/").And.None.EqualTo("samples/").And.None.EqualTo("manifests/"), "the build copies these");
    }

    [GeneratedRegex("^([0-9]+)(:[0-9]+)?$")]
    private static partial Regex NumericUser();
}
