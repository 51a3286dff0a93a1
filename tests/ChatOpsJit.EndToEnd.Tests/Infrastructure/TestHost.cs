using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsJit.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>The real ChatOpsJit host on a loopback port, with a temp SQLite file and the repository's samples.</summary>
public sealed class TestHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private TestHost(WebApplication app, TestHostOptions options, string baseUrl)
    {
        App = app;
        Options = options;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public TestHostOptions Options { get; }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestHost> StartAsync(Action<TestHostOptions>? configure = null)
    {
        var options = new TestHostOptions();
        configure?.Invoke(options);
        return await StartAsync(options);
    }

    public static async Task<TestHost> StartAsync(TestHostOptions options)
    {
        var app = Build(options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, options, address.TrimEnd('/'));
    }

    /// <summary>
    /// The real host as the tests configure it (temp database, the repository's samples, quick polling, fake time, captured
    /// logs, a test's own services), not started; <paramref name="server"/> may swap Kestrel for an in-memory server.
    /// </summary>
    public static WebApplication Build(TestHostOptions options, Action<WebApplicationBuilder>? server = null)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:ConnectionString"] = $"Data Source={options.DatabaseFile}",
            ["Sandbox:NodesFile"] = options.NodesFile,
            ["Directory:File"] = options.DirectoryFile,
            ["Policies:Folder"] = options.PoliciesFolder,
            ["Policies:ReloadInterval"] = "00:00:00.200",
            ["Workers:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();
        return ChatOpsJitApp.Build(args, builder =>
        {
            server?.Invoke(builder);
            if (options.Time is { } time)
            {
                builder.Services.Replace(ServiceDescriptor.Singleton(time));
            }

            if (options.Logs is { } logs)
            {
                // A rule for this provider wins over the configured category levels, so it sees every line at every level.
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddFilter<LogCapture>(null, LogLevel.Trace);
                builder.Logging.AddProvider(logs);
            }

            options.Configure?.Invoke(builder);
        });
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Types a command in the console as <paramref name="user"/>.</summary>
    public async Task<(HttpResponseMessage Response, ConsoleReplyBody Body)> CommandAsync(string user, string text)
    {
        var response = await Http.PostAsJsonAsync("/console/api/commands", new { user, text }, Json);
        return (response, (await response.Content.ReadFromJsonAsync<ConsoleReplyBody>(Json))!);
    }

    /// <summary>
    /// Presses a button in the console as <paramref name="user"/>, already confirmed (as after the prompt) unless
    /// <paramref name="confirmed"/> is false, with <paramref name="input"/> as what was typed into the prompt.
    /// </summary>
    public async Task<(HttpResponseMessage Response, ConsoleReplyBody Body)> ActionAsync(string user, string verb, string requestId, bool confirmed = true, string? input = null)
    {
        var response = await Http.PostAsJsonAsync("/console/api/actions", new { user, verb, requestId, confirmed = confirmed ? true : (bool?)null, input }, Json);
        return (response, (await response.Content.ReadFromJsonAsync<ConsoleReplyBody>(Json))!);
    }

    public async Task<TranscriptBody> TranscriptAsync() =>
        (await Http.GetFromJsonAsync<TranscriptBody>("/console/api/transcript", Json))!;

    /// <summary>Polls the transcript until <paramref name="condition"/> holds; fails the test after the timeout.</summary>
    public async Task<TranscriptBody> WaitForTranscriptAsync(Func<TranscriptBody, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var transcript = await TranscriptAsync();
            if (condition(transcript))
            {
                return transcript;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; transcript: {JsonSerializer.Serialize(transcript, Json)}");
            }

            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        await App.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
