using System.Net;
using System.Text;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>
/// The dev console lets anyone act as anyone. With a grantor other than the sandbox it is off unless forced on, and
/// forced on it answers loopback clients only: a deployment never exposes an approval bypass by default.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DevConsoleFailClosedTests
{
    /// <summary>The sandbox off, and a grantor and inventory of the test's own in its place.</summary>
    private static void WithExternalGrantor(TestHostOptions o)
    {
        o.Settings["Sandbox:Enabled"] = "false";
        o.Configure = builder =>
        {
            builder.Services.AddSingleton<IAccessGrantor, ExternalGrantor>();
            builder.Services.AddSingleton<INodeInventory>(new SandboxInventory(o.NodesFile, NullLogger<SandboxInventory>.Instance));
        };
    }

    [Test]
    public async Task With_another_grantor_the_console_is_off_by_default()
    {
        await using var host = await TestHost.StartAsync(WithExternalGrantor);

        var page = await host.Http.GetAsync("/console");
        var command = await host.Http.PostAsync("/console/api/commands", Json("""{"user":"dev@example.com","text":"/access web-1 disk full"}"""));
        var script = await host.Http.GetAsync("/console/console.js");

        Assert.That((page.StatusCode, command.StatusCode, script.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
        Assert.That(host.Services.GetServices<IChatPlatform>(), Is.Empty, "no console chat platform either");
        Assert.That(await host.Get<IAccessRequestStore>().ListAsync(new RequestQuery()), Is.Empty);
        Assert.That((await host.Http.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the rest of the host runs");
    }

    [Test]
    public async Task Forced_on_with_another_grantor_it_warns_at_start_up_and_answers_loopback_clients()
    {
        var logs = new LogCapture();
        await using var host = await TestHost.StartAsync(o =>
        {
            WithExternalGrantor(o);
            o.Settings["Console:Enabled"] = "true";
            o.Logs = logs;
        });

        var (response, body) = await host.CommandAsync(Flow.Requester, "/access web-1 disk full");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.Error);
        Assert.That(logs.Lines, Has.Some.Matches<string>(l => l.StartsWith("Warning", StringComparison.Ordinal) &&
            l.Contains("dev console is on (Console:Enabled=true) with a grantor that is not the sandbox", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Forced_on_with_another_grantor_it_refuses_a_client_that_is_not_on_loopback_and_changes_nothing()
    {
        var options = new TestHostOptions();
        WithExternalGrantor(options);
        options.Settings["Console:Enabled"] = "true";
        await using var app = await StartInMemoryAsync(options);
        var server = (TestServer)app.Services.GetRequiredService<IServer>();

        var remote = IPAddress.Parse("203.0.113.9");
        var command = await SendAsync(server, remote, "POST", "/console/api/commands", """{"user":"lead@example.com","text":"/access web-1 disk full"}""");
        var page = await SendAsync(server, remote, "GET", "/console");
        var script = await SendAsync(server, remote, "GET", "/console/console.js");
        var fromLoopback = await SendAsync(server, IPAddress.Loopback, "GET", "/console/api/users");

        Assert.Multiple(async () =>
        {
            Assert.That(command.Response.StatusCode, Is.EqualTo(403));
            Assert.That(await new StreamReader(command.Response.Body).ReadToEndAsync(), Is.EqualTo("the dev console answers loopback clients only with this grantor\n"));
            Assert.That(page.Response.StatusCode, Is.EqualTo(403));
            Assert.That(script.Response.StatusCode, Is.EqualTo(403));
            Assert.That(fromLoopback.Response.StatusCode, Is.EqualTo(200), "the same server answers loopback, so the refusal is the address's");
            Assert.That(await app.Services.GetRequiredService<IAccessRequestStore>().ListAsync(new RequestQuery()), Is.Empty);
        });
    }

    [Test]
    public async Task With_the_sandbox_grantor_the_console_stays_on_by_default()
    {
        await using var app = await StartInMemoryAsync(new TestHostOptions());
        var server = (TestServer)app.Services.GetRequiredService<IServer>();

        var page = await SendAsync(server, IPAddress.Parse("203.0.113.9"), "GET", "/console");

        Assert.That(page.Response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void With_the_sandbox_off_and_no_other_grantor_start_up_fails_with_one_line()
    {
        var e = Assert.ThrowsAsync<StartupConfigurationException>(() => TestHost.StartAsync(o => o.Settings["Sandbox:Enabled"] = "false"));

        Assert.That(e!.Problems, Is.EqualTo(new[]
        {
            "Sandbox:Enabled: no node inventory and grantor are configured; turn the sandbox on (Sandbox:Enabled=true) or configure another grantor.",
        }));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    // The real host in memory, so a request can claim any client address (Kestrel on this machine only sees loopback).
    private static async Task<WebApplication> StartInMemoryAsync(TestHostOptions options)
    {
        var app = TestHost.Build(options, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        return app;
    }

    private static Task<HttpContext> SendAsync(TestServer server, IPAddress from, string method, string path, string? json = null) =>
        server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = from;
            context.Request.Method = method;
            context.Request.Path = path;
            if (json is not null)
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            }
        });
}
