using System.Net;
using System.Net.Sockets;
using ChatOpsJit.Host.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Host.Tests.Health;

/// <summary>The image's HEALTHCHECK probe against a real HTTP server on loopback.</summary>
public sealed class HealthProbeTests
{
    private WebApplication server = null!;
    private string baseUrl = null!;
    private int status;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server = builder.Build();
        server.MapGet("/healthz", () => Results.StatusCode(status));
        server.MapGet("/elsewhere", () => Results.Redirect("/healthz"));
        await server.StartAsync();
        baseUrl = server.Urls.Single();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    private static async Task<(int Exit, string Output)> Probe(params string[] args)
    {
        var output = new StringWriter();
        var exit = await HealthProbe.RunAsync([HealthProbe.Command, .. args], configuredUrls: null, output);
        return (exit, output.ToString());
    }

    [Test]
    public async Task A_200_from_healthz_exits_0_and_says_healthy()
    {
        status = 200;

        var (exit, output) = await Probe($"{baseUrl}/healthz");

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Is.EqualTo($"healthy: GET {baseUrl}/healthz answered 200{Environment.NewLine}"));
    }

    [Test]
    public async Task A_503_from_healthz_exits_1_and_names_the_status()
    {
        status = 503;

        var (exit, output) = await Probe($"{baseUrl}/healthz");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("unhealthy: ").And.Contain("answered 503"));
    }

    [Test]
    public async Task A_redirect_is_not_followed_and_counts_as_unhealthy()
    {
        status = 200;

        var (exit, output) = await Probe($"{baseUrl}/elsewhere");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("answered 302"));
    }

    [Test]
    public async Task A_port_nobody_listens_on_exits_1_with_one_line()
    {
        var port = FreePort();

        var (exit, output) = await Probe($"http://127.0.0.1:{port}/healthz");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith($"unhealthy: GET http://127.0.0.1:{port}/healthz failed: "));
        Assert.That(output.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [TestCase("ftp://127.0.0.1/healthz")]
    [TestCase("not a url")]
    public async Task An_address_that_is_not_http_is_one_error_line_and_exit_1(string url)
    {
        var (exit, output) = await Probe(url);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.EqualTo($"healthcheck: '{url}' is not an http:// or https:// address{Environment.NewLine}"));
    }

    [Test]
    public async Task Two_urls_are_refused_with_the_usage()
    {
        var (exit, output) = await Probe($"{baseUrl}/healthz", $"{baseUrl}/healthz");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("healthcheck: expected at most one url, got 2 arguments; usage: "));
    }

    [Test]
    public async Task Without_a_url_it_asks_the_first_configured_address()
    {
        status = 200;
        var output = new StringWriter();

        var exit = await HealthProbe.RunAsync([HealthProbe.Command], configuredUrls: $"{baseUrl};http://127.0.0.1:1", output);

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output.ToString(), Does.Contain($"GET {baseUrl}/healthz answered 200"));
    }

    [TestCase(null, "http://127.0.0.1:8080/healthz")]
    [TestCase("", "http://127.0.0.1:8080/healthz")]
    [TestCase("http://+:8080", "http://127.0.0.1:8080/healthz")]
    [TestCase("http://*:9090;http://localhost:9091", "http://127.0.0.1:9090/healthz")]
    [TestCase("http://0.0.0.0:8081/", "http://127.0.0.1:8081/healthz")]
    [TestCase("http://[::]:8082", "http://[::1]:8082/healthz")]
    [TestCase("https://localhost:8443", "https://localhost:8443/healthz")]
    public void The_default_url_is_healthz_on_loopback_at_the_first_listen_port(string? urls, string expected)
    {
        Assert.That(HealthProbe.DefaultUrl(urls), Is.EqualTo(new Uri(expected)));
    }

    [TestCase(new[] { "healthcheck" }, true)]
    [TestCase(new[] { "healthcheck", "http://127.0.0.1:8080/healthz" }, true)]
    [TestCase(new[] { "--Urls=http://localhost:8081" }, false)]
    [TestCase(new string[0], false)]
    public void Only_a_first_argument_of_healthcheck_asks_for_the_probe(string[] args, bool expected)
    {
        Assert.That(HealthProbe.IsRequested(args), Is.EqualTo(expected));
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
