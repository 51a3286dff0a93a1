using ChatOpsJit.Teams.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Teams.Tests.Auth;

/// <summary>
/// The auth classes as the host wires them (AddTeamsAuth), on a fake clock far from the real one (so a check that read
/// the wall clock would fail), with the <see cref="KeyServer"/> behind the TeamsAuth client and every log line kept.
/// </summary>
internal sealed class AuthWorld : IDisposable
{
    public const string AppId = "6b8f3c2a-1d4e-4f5a-9b7c-2e3d4f5a6b7c";
    public const string TenantId = "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0";
    public const string OtherTenant = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private readonly ServiceProvider _services;

    public AuthWorld(Action<TeamsOptions>? configure = null)
    {
        Options = new TeamsOptions { AppId = AppId, AppPassword = "not-used-here", TenantId = TenantId };
        configure?.Invoke(Options);
        Server = new KeyServer(TenantId);
        Server.BotFrameworkKeys.Add(Teams);
        Server.BotFrameworkKeys.Add(SkypeOnly);
        Server.EntraKeys.Add(Entra);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        services.AddTeamsAuth();
        services.AddHttpClient(BotFrameworkKeys.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));

    public LogCapture Logs { get; } = new();

    public TeamsOptions Options { get; }

    public KeyServer Server { get; }

    // RSA key generation is the slow part of a world, so the three standard keys are made once for all tests.
    private static readonly TestKey SharedTeams = new("bf-teams", "msteams", "skype", "webchat");
    private static readonly TestKey SharedSkypeOnly = new("bf-skype", "skype");
    private static readonly TestKey SharedEntra = new("entra-1");

    /// <summary>A Bot Framework key endorsed for Teams.</summary>
    public TestKey Teams => SharedTeams;

    /// <summary>A Bot Framework key not endorsed for Teams.</summary>
    public TestKey SkypeOnly => SharedSkypeOnly;

    /// <summary>A key of the bot tenant's Entra set.</summary>
    public TestKey Entra => SharedEntra;

    public BotFrameworkTokenValidator Validator => _services.GetRequiredService<BotFrameworkTokenValidator>();

    public TokenSpec Spec => new(Time.GetUtcNow());

    public string Token(Func<TokenSpec, TokenSpec>? change = null, TestKey? key = null) => (key ?? Teams).Mint(change is null ? Spec : change(Spec));

    public Task<TokenValidation> ValidateAsync(string? header) => Validator.ValidateAsync(header, CancellationToken.None);

    public Task<TokenValidation> ValidateTokenAsync(string token) => ValidateAsync("Bearer " + token);

    public int BotFrameworkMetadataFetches => Server.Requests(KeyServer.BotFrameworkMetadata);

    public void Dispose()
    {
        _services.Dispose();
        Server.Dispose();
    }
}
