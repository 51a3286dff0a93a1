using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Testing.Aws;

/// <summary>OpsCenter as JITNA uses it.</summary>
/// <remarks>
/// DescribeOpsItems (filters with Operator Equal, paged), GetOpsItem, and SendAutomationSignal, whose Approve, Reject
/// or Revoke moves the access request's OpsItem to Approved, Rejected or Revoked.
/// </remarks>
internal sealed class SsmOpsItems(AwsWorld world, TimeProvider time, Recorded<AwsSignal> signals)
{
    private static readonly Dictionary<string, string> StatusAfter = new(StringComparer.Ordinal)
    {
        ["Approve"] = "Approved",
        ["Reject"] = "Rejected",
        ["Revoke"] = "Revoked",
    };

    public void AddTo(AwsOperations operations)
    {
        operations.Add("ssm", "DescribeOpsItems", DescribeOpsItems);
        operations.Add("ssm", "GetOpsItem", GetOpsItem);
        operations.Add("ssm", "SendAutomationSignal", SendAutomationSignal);
    }

    private AwsAnswer DescribeOpsItems(AwsRequest request)
    {
        var max = request.Number("MaxResults") ?? 50;
        if (max is < 1 or > 50)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "ValidationException",
                $"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 50");
        }

        var filters = new List<(string Key, List<string> Values)>();
        foreach (var filter in (request.Json?["OpsItemFilters"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var key = filter["Key"]?.GetValue<string>() ?? "";
            var op = filter["Operator"]?.GetValue<string>() ?? "";
            if (key is not ("OpsItemType" or "Status" or "OpsItemId" or "Title") || op != "Equal")
            {
                return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "OpsItemInvalidParameterException",
                    $"The filter {key} with operator {op} is not supported by the stand-in (keys OpsItemType, Status, OpsItemId, Title with Equal).");
            }

            filters.Add((key, (filter["Values"] as JsonArray)?.Select(v => v?.GetValue<string>() ?? "").ToList() ?? []));
        }

        var items = world.OpsItems(request.Account, request.Region)
            .Where(item => filters.All(f => f.Values.Contains(f.Key switch
            {
                "OpsItemType" => item.OpsItemType,
                "Status" => item.Status,
                "OpsItemId" => item.OpsItemId,
                _ => item.Title,
            })))
            .ToList();
        var listing = $"DescribeOpsItems/{request.Account}/{request.Region}/{request.Json?["OpsItemFilters"]?.ToJsonString()}";
        if (Paging.Offset(request.Text("NextToken"), listing) is not { } offset)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidNextToken", "The specified token isn't valid.");
        }

        var (page, next) = Paging.Page(items, offset, max, listing);
        var answer = new JsonObject { ["OpsItemSummaries"] = new JsonArray(page.Select(i => (JsonNode)Describe(i, summary: true)).ToArray()) };
        if (next is not null)
        {
            answer["NextToken"] = next;
        }

        return AwsAnswer.Json(answer);
    }

    private AwsAnswer GetOpsItem(AwsRequest request)
    {
        var id = request.Text("OpsItemId");
        var item = world.OpsItems(request.Account, request.Region).FirstOrDefault(i => i.OpsItemId == id);
        return item is null
            ? AwsAnswer.Error(request, HttpStatusCode.BadRequest, "OpsItemNotFoundException", $"OpsItem with id {id} not found")
            : AwsAnswer.Json(new JsonObject { ["OpsItem"] = Describe(item, summary: false) });
    }

    private AwsAnswer SendAutomationSignal(AwsRequest request)
    {
        var execution = request.Text("AutomationExecutionId") ?? "";
        var type = request.Text("SignalType") ?? "";
        if (!StatusAfter.TryGetValue(type, out var status))
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidAutomationSignalException",
                $"The signal {type} is not valid for execution {execution}; the stand-in takes Approve, Reject and Revoke.");
        }

        var now = time.GetUtcNow();
        if (!world.SetOpsItemStatus(request.Account, request.Region, execution, status, now))
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "AutomationExecutionNotFoundException", $"Automation execution {execution} not found");
        }

        var payload = (request.Json?["Payload"] as JsonObject)?.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<string>)((p.Value as JsonArray)?.Select(v => v?.GetValue<string>() ?? "").ToList() ?? []),
            StringComparer.Ordinal) ?? [];
        signals.Add(new AwsSignal(request.Account, request.Region, execution, type, payload, now));
        return AwsAnswer.Json([]);
    }

    private static JsonObject Describe(AwsOpsItem item, bool summary)
    {
        var data = new JsonObject();
        foreach (var (key, (type, value)) in item.OperationalData)
        {
            data[key] = new JsonObject { ["Type"] = type, ["Value"] = value };
        }

        var json = new JsonObject
        {
            ["CreatedBy"] = item.CreatedBy,
            ["CreatedTime"] = AwsAnswer.Epoch(item.CreatedTime),
            ["LastModifiedBy"] = item.CreatedBy,
            ["LastModifiedTime"] = AwsAnswer.Epoch(item.LastModifiedTime),
            ["Priority"] = 3,
            ["Source"] = "SSM",
            ["Status"] = item.Status,
            ["OpsItemId"] = item.OpsItemId,
            ["Title"] = item.Title,
            ["OperationalData"] = data,
            ["OpsItemType"] = item.OpsItemType,
        };
        if (!summary)
        {
            json["Description"] = item.Description;
            json["Version"] = "1";
            json["OpsItemArn"] = $"arn:aws:ssm:{item.Region}:{item.Account}:opsitem/{item.OpsItemId}";
        }

        return json;
    }
}
