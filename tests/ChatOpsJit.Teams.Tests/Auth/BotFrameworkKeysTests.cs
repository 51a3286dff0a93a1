using ChatOpsJit.Teams.Auth;

namespace ChatOpsJit.Teams.Tests.Auth;

public sealed class BotFrameworkKeysTests
{
    [Test]
    public async Task Keys_are_fetched_once_and_then_served_from_memory()
    {
        using var world = new AuthWorld();

        for (var i = 0; i < 5; i++)
        {
            Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.Null);
            world.Time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(1));
        Assert.That(world.Server.Requests(KeyServer.BotFrameworkJwks), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_kid_refetches_once_and_is_accepted_when_the_key_has_appeared()
    {
        using var world = new AuthWorld();
        using var rolled = new TestKey("bf-rolled", "msteams");
        await world.ValidateTokenAsync(world.Token());
        world.Time.Advance(TimeSpan.FromMinutes(2));
        world.Server.BotFrameworkKeys.Add(rolled);

        var result = await world.ValidateTokenAsync(world.Token(key: rolled));

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Endorsements, Is.EqualTo(new[] { "msteams" }));
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(2));
        Assert.That(world.Server.Requests(KeyServer.BotFrameworkJwks), Is.EqualTo(2));
    }

    [Test]
    public async Task An_unknown_kid_refetches_once_and_a_second_within_the_minute_does_not_refetch()
    {
        using var world = new AuthWorld();
        using var stranger = new TestKey("bf-stranger", "msteams");
        using var another = new TestKey("bf-another", "msteams");
        await world.ValidateTokenAsync(world.Token());
        world.Time.Advance(TimeSpan.FromMinutes(2));

        var first = await world.ValidateTokenAsync(world.Token(key: stranger));
        Assert.That(first.Failure, Is.EqualTo("signature key unknown"));
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(2), "one refetch for the unknown kid");

        world.Time.Advance(TimeSpan.FromSeconds(59));
        world.Server.BotFrameworkKeys.Add(another);
        var second = await world.ValidateTokenAsync(world.Token(key: another));
        var again = await world.ValidateTokenAsync(world.Token(key: stranger));
        Assert.That(second.Failure, Is.EqualTo("signature key unknown"), "within the minute the new key is not looked for");
        Assert.That(again.Failure, Is.EqualTo("signature key unknown"));
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(2));
        Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.Null, "known keys still work meanwhile");

        world.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await world.ValidateTokenAsync(world.Token(key: another))).Failure, Is.Null);
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(3));
    }

    [Test]
    public async Task An_unknown_kid_right_after_the_first_fetch_waits_out_the_minute()
    {
        using var world = new AuthWorld();
        using var stranger = new TestKey("bf-stranger", "msteams");
        await world.ValidateTokenAsync(world.Token());

        var result = await world.ValidateTokenAsync(world.Token(key: stranger));

        Assert.That(result.Failure, Is.EqualTo("signature key unknown"));
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(1));
    }

    [Test]
    public async Task Keys_are_refreshed_every_twelve_hours_and_a_removed_key_stops_working()
    {
        using var world = new AuthWorld();
        await world.ValidateTokenAsync(world.Token());
        world.Server.BotFrameworkKeys.Remove(world.Teams);

        world.Time.Advance(BotFrameworkKeys.RefreshInterval - TimeSpan.FromSeconds(1));
        Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.Null);
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(1));

        world.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.EqualTo("signature key unknown"));
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(2));
    }

    [Test]
    public async Task A_failed_refresh_keeps_the_keys_until_they_are_a_day_old_then_refuses_every_token()
    {
        using var world = new AuthWorld();
        await world.ValidateTokenAsync(world.Token());
        world.Server.Routes[KeyServer.BotFrameworkMetadata] = () => null;

        world.Time.Advance(BotFrameworkKeys.RefreshInterval);
        Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.Null, "the previous keys still serve");
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(2));
        Assert.That(world.Logs.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(world.Logs.All, Does.Contain("answered 500"));

        await world.ValidateTokenAsync(world.Token());
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(2), "no retry within the minute");

        world.Time.Advance(BotFrameworkKeys.MaxKeyAge - BotFrameworkKeys.RefreshInterval);
        Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.EqualTo("signing keys unavailable"));
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(3));
    }

    [Test]
    public async Task Unreachable_metadata_refuses_tokens_and_is_retried_at_most_once_a_minute()
    {
        using var world = new AuthWorld();
        world.Server.Routes.TryRemove(KeyServer.BotFrameworkMetadata, out _);

        Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.EqualTo("signing keys unavailable"));
        Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.EqualTo("signing keys unavailable"));
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(1));

        world.Server.Routes[KeyServer.BotFrameworkMetadata] = () => KeyServer.Metadata("https://api.botframework.com", KeyServer.BotFrameworkJwks);
        world.Time.Advance(BotFrameworkKeys.MinFetchInterval);
        Assert.That((await world.ValidateTokenAsync(world.Token())).Failure, Is.Null);
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(2));
    }

    [Test]
    public async Task Plain_http_metadata_off_loopback_is_refused_without_a_request()
    {
        using var world = new AuthWorld(o => o.OpenIdMetadataUrl = new Uri("http://login.botframework.com/v1/.well-known/openidconfiguration"));
        world.Server.Routes["http://login.botframework.com/v1/.well-known/openidconfiguration"] =
            () => KeyServer.Metadata("https://api.botframework.com", KeyServer.BotFrameworkJwks);

        var result = await world.ValidateTokenAsync(world.Token());

        Assert.That(result.Failure, Is.EqualTo("signing keys unavailable"));
        Assert.That(world.Server.TotalRequests, Is.Zero);
        Assert.That(world.Logs.Lines.Single(l => l.StartsWith("Error", StringComparison.Ordinal)), Does.Contain("plain http is allowed on loopback only"));
    }

    [Test]
    public async Task A_plain_http_jwks_uri_off_loopback_is_refused()
    {
        using var world = new AuthWorld();
        world.Server.Routes[KeyServer.BotFrameworkMetadata] = () => KeyServer.Metadata("https://api.botframework.com", "http://login.botframework.com/v1/.well-known/keys");
        world.Server.Routes["http://login.botframework.com/v1/.well-known/keys"] = () => KeyServer.Jwks(world.Server.BotFrameworkKeys, withEndorsements: true);

        var result = await world.ValidateTokenAsync(world.Token());

        Assert.That(result.Failure, Is.EqualTo("signing keys unavailable"));
        Assert.That(world.Server.Requests("http://login.botframework.com/v1/.well-known/keys"), Is.Zero);
        Assert.That(world.Logs.Lines.Single(l => l.StartsWith("Error", StringComparison.Ordinal)), Does.Contain("plain http off loopback"));
    }

    [Test]
    public async Task Plain_http_metadata_and_keys_on_loopback_are_allowed_for_a_stand_in()
    {
        const string metadata = "http://127.0.0.1:5999/v1/.well-known/openidconfiguration";
        const string jwks = "http://localhost:5999/v1/.well-known/keys";
        using var world = new AuthWorld(o => o.OpenIdMetadataUrl = new Uri(metadata));
        world.Server.Routes[metadata] = () => KeyServer.Metadata("https://api.botframework.com", jwks);
        world.Server.Routes[jwks] = () => KeyServer.Jwks(world.Server.BotFrameworkKeys, withEndorsements: true);

        var result = await world.ValidateTokenAsync(world.Token());

        Assert.That(result.Failure, Is.Null);
        Assert.That(world.Server.Requests(jwks), Is.EqualTo(1));
    }

    [Test]
    public async Task Twenty_concurrent_validations_on_a_cold_cache_make_one_fetch()
    {
        using var world = new AuthWorld();
        world.Server.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokens = Enumerable.Range(0, 20).Select(_ => world.Token()).ToList();

        var validations = tokens.Select(t => Task.Run(() => world.ValidateTokenAsync(t))).ToList();
        await world.Server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        world.Server.Hold.SetResult();
        var results = await Task.WhenAll(validations).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(results.Select(r => r.Failure), Is.All.Null);
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(1));
        Assert.That(world.Server.Requests(KeyServer.BotFrameworkJwks), Is.EqualTo(1));
    }

    [Test]
    public async Task A_caller_that_gives_up_does_not_cancel_the_fetch_for_the_others()
    {
        using var world = new AuthWorld();
        world.Server.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        var cancelled = world.Validator.ValidateAsync("Bearer " + world.Token(), impatient.Token);
        var patient = world.ValidateTokenAsync(world.Token());
        await world.Server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await impatient.CancelAsync();
        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        world.Server.Hold.SetResult();

        Assert.That((await patient.WaitAsync(TimeSpan.FromSeconds(10))).Failure, Is.Null);
        Assert.That(world.BotFrameworkMetadataFetches, Is.EqualTo(1));
    }

    [Test]
    public async Task An_Entra_set_is_not_fetched_without_a_tenant()
    {
        using var world = new AuthWorld(o => o.TenantId = null);

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Issuer = $"https://sts.windows.net/{AuthWorld.TenantId}/" }, world.Entra));

        Assert.That(result.Failure, Is.EqualTo("wrong issuer"));
        Assert.That(world.Server.TotalRequests, Is.Zero);
    }
}
