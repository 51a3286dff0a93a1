using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Testing.Aws;

/// <summary>STS over the query protocol.</summary>
/// <remarks>
/// AssumeRole validated as STS validates it (session name, source identity, duration, policy, a role the test made
/// assumable) and answered with fresh keys that then act in the role's account; GetCallerIdentity.
/// </remarks>
internal sealed partial class StsMethods(AwsWorld world, KeyRing keys, TimeProvider time, Recorded<IssuedCredentials> issued)
{
    private static readonly XNamespace Ns = AwsAnswer.StsNs;

    public void AddTo(AwsOperations operations)
    {
        operations.Add("sts", "AssumeRole", AssumeRole);
        operations.Add("sts", "GetCallerIdentity", GetCallerIdentity);
    }

    private AwsAnswer AssumeRole(AwsRequest request)
    {
        var roleArn = request.Field("RoleArn") ?? "";
        var sessionName = request.Field("RoleSessionName") ?? "";
        var sourceIdentity = request.Field("SourceIdentity");
        var policy = request.Field("Policy");
        var durationText = request.Field("DurationSeconds");
        var duration = 3600;
        if (durationText is not null && !int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out duration))
        {
            duration = -1;
        }

        if (Problem(sessionName, sourceIdentity, duration, policy) is { } problem)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, problem.Code, problem.Message);
        }

        var role = RoleArnPattern().Match(roleArn);
        if (!role.Success || !world.HasRole(roleArn))
        {
            return AwsAnswer.Error(request, HttpStatusCode.Forbidden, "AccessDenied",
                $"User: {request.Principal.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }

        var account = role.Groups["account"].Value;
        var assumedArn = $"arn:aws:sts::{account}:assumed-role/{role.Groups["name"].Value}/{sessionName}";
        var roleId = KeyRing.RoleId();
        var expiration = time.GetUtcNow().AddSeconds(duration);
        var credentials = new IssuedCredentials(
            KeyRing.TemporaryKeyId(), KeyRing.Secret(), KeyRing.SessionToken(), roleArn, sessionName, sourceIdentity,
            Members(request, "Tags.member.{0}.Key", "Tags.member.{0}.Value"),
            Members(request, "TransitiveTagKeys.member.{0}", null).Select(p => p.Key).ToList(),
            policy, duration, expiration, account, assumedArn, request.Principal.Arn);
        keys.Add(new AwsPrincipal(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, account, assumedArn,
            $"{roleId}:{sessionName}", expiration, credentials));
        issued.Add(credentials);

        var result = new List<object>
        {
            new XElement(Ns + "AssumedRoleUser", new XElement(Ns + "AssumedRoleId", $"{roleId}:{sessionName}"), new XElement(Ns + "Arn", assumedArn)),
            new XElement(Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", credentials.AccessKeyId),
                new XElement(Ns + "SecretAccessKey", credentials.SecretAccessKey),
                new XElement(Ns + "SessionToken", credentials.SessionToken),
                new XElement(Ns + "Expiration", AwsAnswer.Iso(expiration))),
        };
        if (policy is not null)
        {
            result.Add(new XElement(Ns + "PackedPolicySize", Math.Min(99, policy.Length * 100 / 2048)));
        }

        if (sourceIdentity is not null)
        {
            result.Add(new XElement(Ns + "SourceIdentity", sourceIdentity));
        }

        return AwsAnswer.Sts(request, [.. result]);
    }

    private AwsAnswer GetCallerIdentity(AwsRequest request) =>
        AwsAnswer.Sts(request,
            new XElement(Ns + "Arn", request.Principal.Arn),
            new XElement(Ns + "UserId", request.Principal.UserId),
            new XElement(Ns + "Account", request.Principal.Account));

    private static (string Code, string Message)? Problem(string sessionName, string? sourceIdentity, int duration, string? policy)
    {
        if (!NamePattern().IsMatch(sessionName))
        {
            return ("ValidationError", $"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64");
        }

        if (sourceIdentity is not null && !NamePattern().IsMatch(sourceIdentity))
        {
            return ("ValidationError", $"1 validation error detected: Value '{sourceIdentity}' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64");
        }

        if (duration is < 900 or > 3600)
        {
            return ("ValidationError", duration < 900
                ? $"1 validation error detected: Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
                : $"The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        if (policy is not null)
        {
            if (policy.Length > 2048)
            {
                return ("PackedPolicyTooLarge", "Packed policy consumes more than 100% of the allotted space");
            }

            try
            {
                using var _ = JsonDocument.Parse(policy);
            }
            catch (JsonException)
            {
                return ("MalformedPolicyDocument", "The policy is not in the valid JSON format.");
            }
        }

        return null;
    }

    /// <summary>The query protocol's lists: Name.member.1, Name.member.2… until one is missing.</summary>
    private static List<KeyValuePair<string, string>> Members(AwsRequest request, string keyFormat, string? valueFormat)
    {
        var members = new List<KeyValuePair<string, string>>();
        for (var i = 1; request.Field(string.Format(CultureInfo.InvariantCulture, keyFormat, i)) is { } key; i++)
        {
            var value = valueFormat is null ? "" : request.Field(string.Format(CultureInfo.InvariantCulture, valueFormat, i)) ?? "";
            members.Add(new KeyValuePair<string, string>(key, value));
        }

        return members;
    }

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^arn:aws:iam::(?<account>\d{12}):role/(?:[\w+=,.@-]+/)*(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();
}
