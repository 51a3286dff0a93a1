using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>Steps of the access flow that many tests share, driven through the console adapter's HTTP API.</summary>
public static partial class Flow
{
    public const string Requester = "dev@example.com";
    public const string Approver = "lead@example.com";
    public const string ApproversChannel = "channel:platform-approvals";
    public static readonly string RequesterDm = "dm:" + Requester;
    public static readonly string RequesterMailbox = "email:" + Requester;

    /// <summary>The first request id (<c>ar-…</c>) in a text, or fails the test.</summary>
    public static string RequestIdIn(string? text) => RequestIds.In(text);

    /// <summary>Asks for web-1 as the requester and returns the new request's id.</summary>
    public static async Task<string> RequestWeb1Async(TestHost host, string text = "/access web-1 disk full on /var for 2h")
    {
        var (response, body) = await host.CommandAsync(Requester, text);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.Error);
        Assert.That(body.Reply!.Title, Does.Contain("sent to platform-approvals"));
        return RequestIds.Pattern().Match(body.Reply.Title).Value;
    }

    public static async Task<AccessRequest> WaitForStateAsync(TestHost host, string requestId, AccessRequestState state, TimeSpan? timeout = null)
    {
        var store = host.Get<IAccessRequestStore>();
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var request = await store.FindAsync(requestId);
            if (request?.State == state)
            {
                return request;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"request {requestId} did not reach {state}; it is {request?.State}");
            }

            await Task.Delay(25);
        }
    }

    public static int Count(TranscriptBody transcript, string conversation, string titleStart) =>
        transcript.Entries(conversation).Count(e => e.Card.Title.StartsWith(titleStart, StringComparison.Ordinal));

    public static async Task<int> AuditCountAsync(TestHost host, string requestId, string kind)
    {
        var count = 0;
        await foreach (var record in host.Get<IAuditLog>().ReadAsync(requestId))
        {
            count += record.Kind == kind ? 1 : 0;
        }

        return count;
    }
}
