using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Aws.Clients;
using ChatOpsJit.Core.Nodes;
using Filter = Amazon.EC2.Model.Filter;
using Node = ChatOpsJit.Core.Nodes.Node;

namespace ChatOpsJit.Aws.Inventory;

/// <summary>
/// Lists one account's managed nodes in one Region: <c>DescribeInstanceInformation</c> page by page, then their tags,
/// from EC2 for instances and from Systems Manager for hybrid (<c>mi-</c>) nodes.
/// </summary>
public sealed class NodeLister(AwsClients clients)
{
    // EC2 takes up to 200 values in one filter; a page of tags holds up to 1,000.
    private const int IdsPerTagCall = 200;
    private const int HybridTagCallsAtOnce = 4;

    public async Task<IReadOnlyList<Node>> ListAsync(string account, string region, CancellationToken ct)
    {
        var ssm = clients.Ssm(account, region);
        var found = new List<InstanceInformation>();
        string? next = null;
        do
        {
            var page = await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50, NextToken = next }, ct).ConfigureAwait(false);
            found.AddRange(page.InstanceInformationList ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        var tags = await InstanceTagsAsync(account, region, found.Select(i => i.InstanceId).Where(id => id.StartsWith("i-", StringComparison.Ordinal)).ToList(), ct).ConfigureAwait(false);
        await HybridTagsAsync(ssm, found.Select(i => i.InstanceId).Where(id => id.StartsWith("mi-", StringComparison.Ordinal)).ToList(), tags, ct).ConfigureAwait(false);
        return found.Select(info => ToNode(info, account, region, tags.GetValueOrDefault(info.InstanceId) ?? [])).ToList();
    }

    private async Task<Dictionary<string, Dictionary<string, string>>> InstanceTagsAsync(string account, string region, List<string> ids, CancellationToken ct)
    {
        var ec2 = clients.Ec2(account, region);
        var tags = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(IdsPerTagCall))
        {
            string? next = null;
            do
            {
                var page = await ec2.DescribeTagsAsync(new DescribeTagsRequest
                {
                    Filters = [new Filter("resource-type", ["instance"]), new Filter("resource-id", [.. chunk])],
                    MaxResults = 1000,
                    NextToken = next,
                }, ct).ConfigureAwait(false);
                foreach (var tag in page.Tags ?? [])
                {
                    Of(tags, tag.ResourceId)[tag.Key] = tag.Value ?? "";
                }

                next = page.NextToken;
            }
            while (!string.IsNullOrEmpty(next));
        }

        return tags;
    }

    private static Task HybridTagsAsync(IAmazonSimpleSystemsManagement ssm, List<string> ids, Dictionary<string, Dictionary<string, string>> tags, CancellationToken ct) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = HybridTagCallsAtOnce, CancellationToken = ct }, async (id, token) =>
        {
            var answer = await ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.ManagedInstance, ResourceId = id }, token).ConfigureAwait(false);
            var own = (answer.TagList ?? []).ToDictionary(t => t.Key, t => t.Value ?? "", StringComparer.Ordinal);
            lock (tags)
            {
                tags[id] = own;
            }
        });

    private static Dictionary<string, string> Of(Dictionary<string, Dictionary<string, string>> tags, string id)
    {
        if (!tags.TryGetValue(id, out var own))
        {
            tags[id] = own = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return own;
    }

    // A node without a Name tag is shown (and named) by its id.
    private static Node ToNode(InstanceInformation info, string account, string region, Dictionary<string, string> tags) => new(
        info.InstanceId,
        tags.TryGetValue("Name", out var name) && name.Length > 0 ? name : info.InstanceId,
        account,
        region,
        info.PlatformType?.Value ?? "",
        tags,
        Ping(info.PingStatus?.Value));

    private static NodePingStatus Ping(string? status) => status switch
    {
        "Online" => NodePingStatus.Online,
        "ConnectionLost" => NodePingStatus.ConnectionLost,
        _ => NodePingStatus.Inactive,
    };
}
