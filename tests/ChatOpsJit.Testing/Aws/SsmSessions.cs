using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Aws;

/// <summary>Session Manager's API side: DescribeSessions (Active or History, filtered, paged) and TerminateSession.</summary>
internal sealed class SsmSessions(AwsWorld world, TimeProvider time)
{
    public void AddTo(AwsOperations operations)
    {
        operations.Add("ssm", "DescribeSessions", DescribeSessions);
        operations.Add("ssm", "TerminateSession", TerminateSession);
    }

    private AwsAnswer DescribeSessions(AwsRequest request)
    {
        var state = request.Text("State");
        if (state is not ("Active" or "History"))
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "ValidationException",
                $"1 validation error detected: Value '{state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [Active, History]");
        }

        var max = request.Number("MaxResults") ?? 20;
        if (max is < 1 or > 200)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "ValidationException",
                $"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 200");
        }

        // The SDK writes SessionFilter's members in lower case ("key", "value"), as the SSM model names them.
        var filters = (request.Json?["Filters"] as JsonArray)?.OfType<JsonObject>()
            .Select(f => (Key: f["key"]?.GetValue<string>() ?? "", Value: f["value"]?.GetValue<string>() ?? "")).ToList() ?? [];
        if (filters.FirstOrDefault(f => f.Key is not ("Target" or "Owner" or "Status" or "SessionId")) is { Key.Length: > 0 } unknown)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidFilterKey", $"The filter key {unknown.Key} is not supported here.");
        }

        var sessions = world.Sessions
            .Where(s => s.Account == request.Account && s.Region == request.Region && s.Terminated == (state == "History"))
            .Where(s => filters.All(f => f.Key switch
            {
                "Target" => s.Target == f.Value,
                "Owner" => s.Owner == f.Value,
                "Status" => s.Status == f.Value,
                _ => s.SessionId == f.Value,
            }))
            .OrderByDescending(s => s.StartDate)
            .ToList();
        var listing = $"DescribeSessions/{request.Account}/{request.Region}/{state}/{request.Json?["Filters"]?.ToJsonString()}";
        if (Paging.Offset(request.Text("NextToken"), listing) is not { } offset)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidNextToken", "The specified token isn't valid.");
        }

        var (page, next) = Paging.Page(sessions, offset, max, listing);
        var answer = new JsonObject { ["Sessions"] = new JsonArray(page.Select(Describe).ToArray<JsonNode?>()) };
        if (next is not null)
        {
            answer["NextToken"] = next;
        }

        return AwsAnswer.Json(answer);
    }

    private AwsAnswer TerminateSession(AwsRequest request)
    {
        var id = request.Text("SessionId");
        if (string.IsNullOrEmpty(id))
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "ValidationException", "1 validation error detected: Value null at 'sessionId' failed to satisfy constraint: Member must not be null");
        }

        // Ending a session that already ended (or never was) succeeds, as in SSM: termination is idempotent.
        world.Terminate(request.Account, request.Region, id, time.GetUtcNow());
        return AwsAnswer.Json(new JsonObject { ["SessionId"] = id });
    }

    private static JsonObject Describe(AwsSession session)
    {
        var json = new JsonObject
        {
            ["SessionId"] = session.SessionId,
            ["Target"] = session.Target,
            ["Status"] = session.Status,
            ["StartDate"] = AwsAnswer.Epoch(session.StartDate),
            ["DocumentName"] = session.DocumentName,
            ["Owner"] = session.Owner,
            ["AccessType"] = "Standard",
        };
        if (session.TerminatedAt is { } end)
        {
            json["EndDate"] = AwsAnswer.Epoch(end);
        }

        return json;
    }
}
