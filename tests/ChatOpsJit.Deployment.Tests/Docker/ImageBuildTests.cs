using System.Diagnostics;
using System.Net;
using ChatOpsJit.Deployment.Tests.Support;

namespace ChatOpsJit.Deployment.Tests.Docker;

/// <summary>
/// Builds the image and starts it read-only, where a container builder answers (<c>docker info</c> or
/// <c>podman info</c>); elsewhere the test is ignored with the reason, never counted as passed.
/// </summary>
[NonParallelizable]
public sealed class ImageBuildTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    [Test]
    [CancelAfter(30 * 60 * 1000)]
    public async Task The_image_builds_starts_read_only_answers_its_probes_and_writes_only_to_data()
    {
        var builder = await FindBuilderAsync();
        var tag = $"chatopsjit-deployment-test:{Guid.NewGuid():N}";
        var name = $"chatopsjit-deployment-test-{Guid.NewGuid():N}";
        try
        {
            var build = await Run(builder, BuildTimeout, "build", "-f", "deploy/docker/Dockerfile", "-t", tag, ".");
            Assert.That(build.ExitCode, Is.EqualTo(0), build.Stderr);

            var run = await Run(builder, TimeSpan.FromMinutes(1), "run", "-d", "--read-only", "--tmpfs", "/tmp", "-p", "127.0.0.1::8080", "--name", name, tag);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);

            var port = await Run(builder, TimeSpan.FromSeconds(30), "port", name, "8080");
            Assert.That(port.ExitCode, Is.EqualTo(0), port.Stderr);
            var address = $"http://{port.Stdout.Split('\n')[0].Trim()}";

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var ready = await WaitForAsync(http, $"{address}/readyz", TimeSpan.FromMinutes(1));
            Assert.That(ready, Is.EqualTo(HttpStatusCode.OK), (await Run(builder, TimeSpan.FromSeconds(30), "logs", name)).Stderr);
            Assert.That((await http.GetAsync(new Uri($"{address}/healthz"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            var probe = await Run(builder, TimeSpan.FromSeconds(30), "exec", name, "/app/ChatOpsJit.Host", "healthcheck");
            Assert.That(probe.ExitCode, Is.EqualTo(0), probe.Stdout + probe.Stderr);
            Assert.That(probe.Stdout, Does.StartWith("healthy: GET http://127.0.0.1:8080/healthz answered 200"));

            // The host created its database, key ring and anchor under /data on a read-only root: the CLI verifies them.
            var verify = await Run(builder, TimeSpan.FromSeconds(60), "exec", name, "chatopsjit", "audit", "verify", "--db", "/data/chatopsjit.db");
            Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Stdout + verify.Stderr);
            Assert.That(verify.Stdout, Does.Contain("audit chain intact"));

            var user = await Run(builder, TimeSpan.FromSeconds(30), "inspect", "--format", "{{.Config.User}}", tag);
            Assert.That(user.Stdout.Trim(), Is.EqualTo("1654:1654"));
        }
        finally
        {
            await Run(builder, TimeSpan.FromMinutes(1), "rm", "-f", name);
            await Run(builder, TimeSpan.FromMinutes(1), "rmi", "-f", tag);
        }
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Run(string builder, TimeSpan timeout, params string[] arguments) =>
        ToolProcess.RunAsync(builder, arguments, Repository.Root, "the image test", timeout);

    /// <summary>docker, else podman, whichever answers <c>info</c>; ignores the test naming both reasons when neither does.</summary>
    private static async Task<string> FindBuilderAsync()
    {
        var reasons = new List<string>();
        foreach (var candidate in new[] { "docker", "podman" })
        {
            try
            {
                var (exit, _, stderr) = await ToolProcess.RunAsync(candidate, ["info"], Repository.Root, "the image test", TimeSpan.FromSeconds(30));
                if (exit == 0)
                {
                    return candidate;
                }

                reasons.Add($"`{candidate} info` exited {exit}: {stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim()}");
            }
            catch (InvalidOperationException e)
            {
                reasons.Add($"{candidate} is not installed ({e.InnerException?.Message})");
            }
            catch (TimeoutException)
            {
                reasons.Add($"`{candidate} info` gave no answer within 30 s");
            }
        }

        Assert.Ignore($"no container builder to build the image with: {string.Join("; ", reasons)}");
        return "";
    }

    private static async Task<HttpStatusCode?> WaitForAsync(HttpClient http, string url, TimeSpan within)
    {
        HttpStatusCode? last = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            try
            {
                last = (await http.GetAsync(new Uri(url))).StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        return last;
    }
}
