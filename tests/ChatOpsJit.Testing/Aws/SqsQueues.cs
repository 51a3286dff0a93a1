using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Aws;

/// <summary>SQS queues as the JSON protocol serves them: ReceiveMessage (with a short long-poll) and DeleteMessage.</summary>
/// <remarks>A received message stays invisible until it is deleted; the stand-in has no visibility timeout.</remarks>
internal sealed class SqsQueues
{
    // Long polls are cut short, so a test never waits the 20 s a real queue may hold a request.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(string Id, string Body, string? Receipt)>> _queues = new(StringComparer.Ordinal);

    public void AddTo(AwsOperations operations)
    {
        operations.Add("sqs", "ReceiveMessage", Receive);
        operations.Add("sqs", "DeleteMessage", Delete);
    }

    public void Send(string queueUrl, string body)
    {
        lock (_gate)
        {
            Queue(queueUrl).Add((Guid.NewGuid().ToString(), body, null));
        }
    }

    public int Depth(string queueUrl)
    {
        lock (_gate)
        {
            return Queue(queueUrl).Count;
        }
    }

    private AwsAnswer Receive(AwsRequest request)
    {
        var url = request.Text("QueueUrl") ?? "";
        var max = request.Number("MaxNumberOfMessages") ?? 1;
        var wait = TimeSpan.FromSeconds(request.Number("WaitTimeSeconds") ?? 0);
        var until = DateTimeOffset.UtcNow + (wait < LongestWait ? wait : LongestWait);
        while (true)
        {
            lock (_gate)
            {
                var queue = Queue(url);
                var taken = new JsonArray();
                for (var i = 0; i < queue.Count && taken.Count < max; i++)
                {
                    if (queue[i].Receipt is null)
                    {
                        var receipt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                        queue[i] = queue[i] with { Receipt = receipt };
                        taken.Add(new JsonObject
                        {
                            ["MessageId"] = queue[i].Id,
                            ["ReceiptHandle"] = receipt,
                            ["Body"] = queue[i].Body,
                            // The SDK checks each body against its MD5, as it does with real SQS.
                            ["MD5OfBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(queue[i].Body))),
                        });
                    }
                }

                if (taken.Count > 0 || DateTimeOffset.UtcNow >= until)
                {
                    return AwsAnswer.Json(new JsonObject { ["Messages"] = taken });
                }
            }

            Thread.Sleep(20);
        }
    }

    private AwsAnswer Delete(AwsRequest request)
    {
        var url = request.Text("QueueUrl") ?? "";
        var receipt = request.Text("ReceiptHandle");
        lock (_gate)
        {
            var removed = Queue(url).RemoveAll(m => m.Receipt == receipt);
            return removed == 1
                ? AwsAnswer.Json([])
                : AwsAnswer.Error(request, HttpStatusCode.BadRequest, "ReceiptHandleIsInvalid", $"The receipt handle \"{receipt}\" is not valid.");
        }
    }

    private List<(string Id, string Body, string? Receipt)> Queue(string url)
    {
        if (!_queues.TryGetValue(url, out var queue))
        {
            _queues[url] = queue = [];
        }

        return queue;
    }
}
