using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class SocketModeTests : StandInTest
{
    private readonly List<SocketClient> _clients = [];

    [TearDown]
    public void CloseClients()
    {
        // NUnit shares one fixture instance between its tests: the list is emptied for the next one.
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    /// <summary>What an app does: apps.connections.open with the app token, connect, read the hello.</summary>
    private async Task<(SocketClient Client, JsonObject Hello)> ConnectAsync()
    {
        var opened = await Api.JsonAsync("apps.connections.open", [], AppToken);
        var client = await SocketClient.ConnectAsync(opened.Text("url")!);
        _clients.Add(client);
        return (client, (await client.ReceiveAsync())!);
    }

    private static JsonObject Command(string text) =>
        SlackPayloads.AsJson(SlackPayloads.SlashCommand("U0000001", text, "http://127.0.0.1/respond/x", "1.2.3"));

    [Test]
    public async Task On_connect_Slack_says_hello_first()
    {
        var (_, hello) = await ConnectAsync();
        await Slack.WaitForConnectionAsync(1);

        Assert.That(hello["type"]?.GetValue<string>(), Is.EqualTo("hello"));
        Assert.That(hello["num_connections"]?.GetValue<int>(), Is.EqualTo(1));
        Assert.That(hello["connection_info"]?["app_id"]?.GetValue<string>(), Is.EqualTo("A0TEST"));
        Assert.That(hello["debug_info"], Is.InstanceOf<JsonObject>());
        Assert.That(Slack.ConnectionCount, Is.EqualTo(1));
        Assert.That(Slack.OpenConnectionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task An_envelope_arrives_framed_as_Slack_frames_it_and_its_ack_is_recorded()
    {
        var (client, _) = await ConnectAsync();
        await Slack.WaitForConnectionAsync(1);

        var id = await Slack.SendEnvelopeAsync("slash_commands", Command("i-123 debugging"));
        var envelope = (await client.ReceiveAsync())!;
        await client.AckAsync(id, new JsonObject { ["text"] = "On it" });
        var ack = await Slack.WaitForAckAsync(id);

        Assert.That(envelope["envelope_id"]?.GetValue<string>(), Is.EqualTo(id));
        Assert.That(envelope["type"]?.GetValue<string>(), Is.EqualTo("slash_commands"));
        Assert.That(envelope["payload"]?["text"]?.GetValue<string>(), Is.EqualTo("i-123 debugging"));
        Assert.That(envelope["accepts_response_payload"]?.GetValue<bool>(), Is.True);
        Assert.That(envelope["retry_attempt"]?.GetValue<int>(), Is.Zero);
        Assert.That(envelope["retry_reason"]?.GetValue<string>(), Is.Empty);
        Assert.That(ack["payload"]?["text"]?.GetValue<string>(), Is.EqualTo("On it"));
    }

    [Test]
    public async Task An_envelope_unacked_when_the_socket_drops_comes_again_on_the_next_connection_as_retry_1()
    {
        var (first, _) = await ConnectAsync();
        await Slack.WaitForConnectionAsync(1);
        var id = await Slack.SendEnvelopeAsync("interactive", new JsonObject { ["type"] = "block_actions" }, acceptsResponsePayload: false);
        await first.ReceiveAsync();

        await Slack.DropSocketAsync();
        Assert.That(() => first.ReceiveAsync(), Throws.InstanceOf<WebSocketException>());
        var (second, hello) = await ConnectAsync();
        var again = (await second.ReceiveAsync())!;

        Assert.That(hello["type"]?.GetValue<string>(), Is.EqualTo("hello"));
        Assert.That(again["envelope_id"]?.GetValue<string>(), Is.EqualTo(id));
        Assert.That(again["retry_attempt"]?.GetValue<int>(), Is.EqualTo(1));
        Assert.That(again["retry_reason"]?.GetValue<string>(), Is.Not.Empty);
        Assert.That(again["accepts_response_payload"]?.GetValue<bool>(), Is.False);
        Assert.That(Slack.ConnectionCount, Is.EqualTo(2));
    }

    [Test]
    public async Task An_acked_envelope_is_not_sent_again()
    {
        var (first, _) = await ConnectAsync();
        await Slack.WaitForConnectionAsync(1);
        var id = await Slack.SendEnvelopeAsync("events_api", SlackPayloads.AppHomeOpened("U0000001", "Ev1"), acceptsResponsePayload: false);
        await first.ReceiveAsync();
        await first.AckAsync(id);
        await Slack.WaitForAckAsync(id);

        await Slack.DropSocketAsync();
        var (second, _) = await ConnectAsync();

        Assert.That(() => second.ReceiveAsync(TimeSpan.FromMilliseconds(300)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task An_envelope_sent_while_no_app_is_connected_waits_for_the_next_connection()
    {
        var id = await Slack.SendEnvelopeAsync("slash_commands", Command("queued"));

        var (client, hello) = await ConnectAsync();
        var envelope = (await client.ReceiveAsync())!;

        Assert.That(hello["type"]?.GetValue<string>(), Is.EqualTo("hello"));
        Assert.That(envelope["envelope_id"]?.GetValue<string>(), Is.EqualTo(id));
        Assert.That(envelope["retry_attempt"]?.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task A_disconnect_message_names_its_reason_and_a_close_frame_follows()
    {
        var (client, _) = await ConnectAsync();
        await Slack.WaitForConnectionAsync(1);

        await Slack.SendDisconnectAsync("refresh_requested");
        var disconnect = (await client.ReceiveAsync())!;
        var closed = await client.ReceiveAsync();

        Assert.That(disconnect["type"]?.GetValue<string>(), Is.EqualTo("disconnect"));
        Assert.That(disconnect["reason"]?.GetValue<string>(), Is.EqualTo("refresh_requested"));
        Assert.That(disconnect["debug_info"], Is.InstanceOf<JsonObject>());
        Assert.That(closed, Is.Null);
        Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
    }

    [Test]
    public async Task A_second_connection_counts_both_in_its_hello_and_envelopes_go_to_the_newest()
    {
        var (first, _) = await ConnectAsync();
        var (second, hello) = await ConnectAsync();
        await Slack.WaitForConnectionAsync(2);

        var id = await Slack.SendEnvelopeAsync("slash_commands", Command("newest"));

        Assert.That(hello["num_connections"]?.GetValue<int>(), Is.EqualTo(2));
        Assert.That((await second.ReceiveAsync())?["envelope_id"]?.GetValue<string>(), Is.EqualTo(id));
        Assert.That(() => first.ReceiveAsync(TimeSpan.FromMilliseconds(200)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_socket_URL_works_once()
    {
        var url = (await Api.JsonAsync("apps.connections.open", [], AppToken)).Text("url")!;
        using var first = await SocketClient.ConnectAsync(url);

        Assert.ThrowsAsync<WebSocketException>(() => SocketClient.ConnectAsync(url));
    }

    [Test]
    public void A_socket_URL_Slack_did_not_issue_is_refused()
    {
        Assert.ThrowsAsync<WebSocketException>(() => SocketClient.ConnectAsync($"ws{Slack.BaseUrl["http".Length..]}socket?ticket=made-up"));
    }

    [Test]
    public void WaitForConnectionAsync_fails_when_the_app_does_not_connect()
    {
        var failure = Assert.ThrowsAsync<AssertionException>(() => Slack.WaitForConnectionAsync(1, TimeSpan.FromMilliseconds(100)));

        Assert.That(failure!.Message, Does.Contain("0 opened"));
    }
}
