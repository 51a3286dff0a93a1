using System.Net;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>Bad input through the console API gets a clear one-line message and changes nothing.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BadInputTests
{
    private TestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await TestHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [TestCase(Flow.Requester, "/access web-99 disk full", "there is no node 'web-99'", TestName = "Unknown node")]
    [TestCase(Flow.Requester, "/access web-1", "a reason is required", TestName = "Empty reason")]
    [TestCase("nobody@example.com", "/access web-1 disk full", "nobody@example.com is not in the directory", TestName = "Unknown user")]
    [TestCase(Flow.Requester, "/access", "tell me which node and why", TestName = "Malformed command: nothing after access")]
    [TestCase(Flow.Requester, "/access status not-an-id", "needs one request id", TestName = "Malformed command: bad request id")]
    [TestCase(Flow.Requester, "/access a,b,c,d,e,f disk full", "at most 5 nodes", TestName = "Malformed command: six nodes")]
    [TestCase(Flow.Requester, "/access legacy-batch-1 disk full",
        "legacy-batch-1 (i-0old0000000000001) is not connected (connection lost), so Systems Manager cannot reach it", TestName = "Node that is not online")]
    public async Task Bad_command_is_refused_in_one_line_and_changes_nothing(string user, string text, string expected)
    {
        var before = await SnapshotAsync();

        var (response, body) = await _host.CommandAsync(user, text);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.Ok, Is.False);
            Assert.That(body.Error, Does.Contain(expected));
            Assert.That(body.Error, Does.Not.Contain("\n"), "one line");
            Assert.That(await SnapshotAsync(), Is.EqualTo(before), "nothing changed");
        });
    }

    [Test]
    public async Task Reason_of_257_characters_is_refused_and_256_accepted()
    {
        var before = await SnapshotAsync();
        var (tooLong, body) = await _host.CommandAsync(Flow.Requester, "/access web-2 " + new string('x', 257));
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.Error, Does.Contain("the reason is 257 characters; the limit is 256"));
        Assert.That(await SnapshotAsync(), Is.EqualTo(before));

        var (fits, accepted) = await _host.CommandAsync(Flow.Requester, "/access web-2 " + new string('y', 256));
        Assert.That(fits.StatusCode, Is.EqualTo(HttpStatusCode.OK), accepted.Error);
    }

    [Test]
    public async Task Requester_cannot_approve_their_own_request_and_a_stranger_cannot_either()
    {
        var (_, body) = await _host.CommandAsync(Flow.Requester, "/access onprem-build-1 check logs");
        var id = System.Text.RegularExpressions.Regex.Match(body.Reply!.Title, @"ar-[0-9a-f]{8}").Value;
        var before = await SnapshotAsync();

        var (own, ownBody) = await _host.ActionAsync(Flow.Requester, "approve", id);
        var (stranger, strangerBody) = await _host.ActionAsync("sec@example.com", "approve", id);
        var (forged, forgedBody) = await _host.ActionAsync("lead@example.com", "approve", "../../etc");

        Assert.Multiple(async () =>
        {
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ownBody.Error, Does.Contain("you cannot approve or reject your own request"));
            Assert.That(stranger.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(strangerBody.Error, Does.Contain("not an approver"));
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(forgedBody.Error, Does.Contain("does not name a request"));
            Assert.That(await SnapshotAsync(), Is.EqualTo(before), "nothing changed");
        });
    }

    [Test]
    public async Task A_name_two_nodes_share_is_refused_naming_both_and_changes_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatopsjit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var nodes = Path.Combine(folder, "nodes.yaml");
        await File.WriteAllTextAsync(nodes, (await File.ReadAllTextAsync(Path.Combine(RepoPaths.Samples, "nodes.yaml"))) + """
              - id: i-0abc1234567890bbb
                name: web-1
                account: "111122223333"
                region: eu-west-2
                tags: { Name: web-1, Environment: production }

            """);
        await using var host = await TestHost.StartAsync(o => o.NodesFile = nodes);

        var (response, body) = await host.CommandAsync(Flow.Requester, "/access web-1 disk full");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.Error, Is.EqualTo(
            "Sorry: 'web-1' names 2 nodes: web-1 (i-0abc1234567890bbb), web-1 (i-0abc1234567890def); name one by its id, e.g. access i-0abc1234567890bbb <reason>."));
        Assert.That(await host.Get<IAccessRequestStore>().ListAsync(new RequestQuery()), Is.Empty);
        var (byId, chosen) = await host.CommandAsync(Flow.Requester, "/access i-0abc1234567890bbb disk full");
        Assert.That(byId.StatusCode, Is.EqualTo(HttpStatusCode.OK), chosen.Error);
    }

    // Requests (with versions) and the audit length: any write shows up here.
    private async Task<string> SnapshotAsync()
    {
        var requests = await _host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 1000));
        var audit = 0;
        await foreach (var _ in _host.Get<IAuditLog>().ReadAsync())
        {
            audit++;
        }

        return string.Join(",", requests.OrderBy(r => r.Id).Select(r => $"{r.Id}@{r.Version}")) + $"|audit={audit}";
    }
}
