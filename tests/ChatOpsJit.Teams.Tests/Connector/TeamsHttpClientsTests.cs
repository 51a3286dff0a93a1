using System.Collections.Concurrent;
using System.Net;
using ChatOpsJit.Teams.Connector;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Tests.Connector;

/// <summary>
/// The HTTP clients <c>AddTeams</c> registers, as the adapter gets them, against a loopback server: the connector's
/// never resends a POST after a server error, and neither client follows a redirect with the bot's secrets.
/// </summary>
public sealed class TeamsHttpClientsTests
{
    private WebApplication _server = null!;
    private string _base = "";
    private readonly ConcurrentQueue<string> _calls = new();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Map("/{**path}", (HttpContext context) =>
        {
            _calls.Enqueue($"{context.Request.Method} {context.Request.Path}");
            return context.Request.Path.StartsWithSegments("/moved")
                ? Results.Redirect("/elsewhere", permanent: false, preserveMethod: true)
                : Results.StatusCode(502);
        });
        await _server.StartAsync();
        _base = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [SetUp]
    public void Clear() => _calls.Clear();

    [Test]
    public async Task The_connector_client_sends_a_post_answered_502_once_and_a_put_again()
    {
        var client = Client(BotConnectorClient.HttpClientName);

        using var post = await client.PostAsync(_base + "/teams/v3/conversations/a:1/activities", new StringContent("{}"));
        var posts = _calls.Count;
        using var put = await client.PutAsync(_base + "/teams/v3/conversations/a:1/activities/1", new StringContent("{}"));

        Assert.That(posts, Is.EqualTo(1), "the connector may have posted it before failing");
        Assert.That(_calls.Count - posts, Is.EqualTo(4), "a PUT replaces; sending it again is harmless");
    }

    [TestCase(BotConnectorClient.HttpClientName)]
    [TestCase(ConnectorTokenSource.HttpClientName)]
    public async Task A_redirect_is_answered_back_not_followed(string name)
    {
        using var response = await Client(name).PostAsync(_base + "/moved", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_secret"] = "s" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That(_calls, Is.EqualTo(new[] { "POST /moved" }), "nothing was sent to where it pointed");
    }

    private static HttpClient Client(string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "5f0d6c4e-8a1b-4c3d-9e2f-0a1b2c3d4e5f",
            ["Teams:AppPassword"] = "secret",
            ["Teams:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddTeams(configuration);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(name);
    }
}
