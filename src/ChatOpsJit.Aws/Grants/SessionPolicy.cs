using System.Globalization;
using System.Text.Json;

namespace ChatOpsJit.Aws.Grants;

/// <summary>
/// The inline session policy of a token: <c>ssm:StartSession</c> on the approved node and the session document only, and
/// ending or resuming the grant's own sessions; all of it only before the grant's end, so credentials minted near the
/// end are useless after it whatever their own expiry says. The token role's policy is the ceiling; this narrows it.
/// </summary>
internal static class SessionPolicy
{
    public static string For(string nodeArn, string documentArn, string ownSessionsArn, DateTimeOffset end)
    {
        var beforeEnd = new Dictionary<string, object>
        {
            ["DateLessThan"] = new Dictionary<string, string> { ["aws:CurrentTime"] = end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
        };
        var policy = new
        {
            Version = "2012-10-17",
            Statement = new object[]
            {
                new { Sid = "StartSessionOnTheApprovedNode", Effect = "Allow", Action = "ssm:StartSession", Resource = new[] { nodeArn, documentArn }, Condition = beforeEnd },
                new { Sid = "EndOrResumeOwnSessions", Effect = "Allow", Action = new[] { "ssm:TerminateSession", "ssm:ResumeSession" }, Resource = ownSessionsArn, Condition = beforeEnd },
                // Newer Session Manager clients open the session's data channel with their own credentials.
                new { Sid = "OpenOwnSessionsDataChannel", Effect = "Allow", Action = new[] { "ssmmessages:OpenDataChannel" }, Resource = ownSessionsArn, Condition = beforeEnd },
            },
        };
        return JsonSerializer.Serialize(policy);
    }
}
