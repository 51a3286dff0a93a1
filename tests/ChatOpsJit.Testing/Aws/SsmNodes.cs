using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Aws;

/// <summary>SSM's node inventory: DescribeInstanceInformation (paged, filtered) and ListTagsForResource for hybrid nodes.</summary>
internal sealed class SsmNodes(AwsWorld world, TimeProvider time)
{
    public void AddTo(AwsOperations operations)
    {
        operations.Add("ssm", "DescribeInstanceInformation", DescribeInstanceInformation);
        operations.Add("ssm", "ListTagsForResource", ListTagsForResource);
    }

    private AwsAnswer DescribeInstanceInformation(AwsRequest request)
    {
        var max = request.Number("MaxResults") ?? 50;
        if (max is < 5 or > 50)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "ValidationException",
                $"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value between 5 and 50");
        }

        var nodes = world.Nodes(request.Account, request.Region).Where(n => Passes(n, request.Json?["Filters"] as JsonArray)).ToList();
        var listing = $"DescribeInstanceInformation/{request.Account}/{request.Region}/{request.Json?["Filters"]?.ToJsonString()}";
        if (Paging.Offset(request.Text("NextToken"), listing) is not { } offset)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidNextToken", "The specified token isn't valid.");
        }

        var (page, next) = Paging.Page(nodes, offset, max, listing);
        var answer = new JsonObject { ["InstanceInformationList"] = new JsonArray(page.Select(Information).ToArray<JsonNode?>()) };
        if (next is not null)
        {
            answer["NextToken"] = next;
        }

        return AwsAnswer.Json(answer);
    }

    private AwsAnswer ListTagsForResource(AwsRequest request)
    {
        var type = request.Text("ResourceType");
        var id = request.Text("ResourceId") ?? "";
        if (type != "ManagedInstance")
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidResourceType", $"The resource type {type} is not supported here (ManagedInstance only).");
        }

        // SSM keeps tags of hybrid nodes only; an EC2 instance's tags are EC2's.
        if (world.Node(request.Account, id) is not { IsHybrid: true } node || node.Region != request.Region)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidResourceId", $"The resource ID \"{id}\" is not valid. Verify the ID and try again.");
        }

        var tags = node.AllTags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value });
        return AwsAnswer.Json(new JsonObject { ["TagList"] = new JsonArray(tags.ToArray()) });
    }

    private JsonObject Information(AwsNode node)
    {
        var windows = node.Platform == "Windows";
        var info = new JsonObject
        {
            ["InstanceId"] = node.Id,
            ["PingStatus"] = node.PingStatus,
            ["LastPingDateTime"] = AwsAnswer.Epoch(time.GetUtcNow() - (node.PingStatus == "Online" ? TimeSpan.FromMinutes(1) : TimeSpan.FromDays(2))),
            ["AgentVersion"] = "3.3.1142.0",
            ["IsLatestVersion"] = false,
            ["PlatformType"] = node.Platform,
            ["PlatformName"] = windows ? "Microsoft Windows Server 2022 Datacenter" : node.Platform == "MacOS" ? "macOS" : "Amazon Linux",
            ["PlatformVersion"] = windows ? "10.0.20348" : "2023",
            ["ResourceType"] = node.IsHybrid ? "ManagedInstance" : "EC2Instance",
            ["IPAddress"] = node.IpAddress ?? Address(node.Id),
            ["ComputerName"] = windows ? node.Name.ToUpperInvariant() : $"{node.Name}.{node.Region}.compute.internal",
            ["SourceId"] = node.Id,
            ["SourceType"] = node.IsHybrid ? "AWS::SSM::ManagedInstance" : "AWS::EC2::Instance",
        };
        if (node.IsHybrid)
        {
            // A hybrid node carries the name it was activated with.
            info["Name"] = node.Name;
            info["RegistrationDate"] = AwsAnswer.Epoch(time.GetUtcNow() - TimeSpan.FromDays(30));
        }

        return info;
    }

    private static bool Passes(AwsNode node, JsonArray? filters) =>
        filters is null || filters.OfType<JsonObject>().All(filter =>
        {
            var key = filter["Key"]?.GetValue<string>() ?? "";
            var values = (filter["Values"] as JsonArray)?.Select(v => v?.GetValue<string>()).ToList() ?? [];
            return key switch
            {
                "InstanceIds" => values.Contains(node.Id),
                "PingStatus" => values.Contains(node.PingStatus),
                "PlatformTypes" => values.Contains(node.Platform),
                "ResourceType" => values.Contains(node.IsHybrid ? "ManagedInstance" : "EC2Instance"),
                _ when key.StartsWith("tag:", StringComparison.Ordinal) => node.AllTags.TryGetValue(key[4..], out var value) && values.Contains(value),
                "tag-key" => values.Any(v => v is not null && node.AllTags.ContainsKey(v)),
                _ => false,
            };
        });

    private static string Address(string id)
    {
        var hash = (uint)StableHash(id);
        return $"10.{(hash >> 16) & 0xff}.{(hash >> 8) & 0xff}.{(hash & 0xfe) + 1}";
    }

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
