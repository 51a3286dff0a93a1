using ChatOpsJit.Core.Configuration;
using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ChatOpsJit.Aws;

/// <summary>
/// AWS settings (section <c>Aws</c>). AWS is on when <see cref="Regions"/> lists at least one Region; then its inventory
/// and grantor replace the sandbox. The bot's own credentials come from the SDK's default chain, never from here.
/// </summary>
public sealed partial class AwsOptions : IValidatableObject
{
    public const string Section = "Aws";

    /// <summary>The Regions whose managed nodes are offered, e.g. <c>eu-west-1</c>.</summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>The accounts whose nodes are offered, each with the roles the bot assumes there.</summary>
    public List<AwsAccountOptions> Accounts { get; set; } = [];

    /// <summary>The Session Manager document the token allows; its Run As and logging settings apply to every session.</summary>
    public string SessionDocument { get; set; } = "SSM-SessionManagerRunShell";

    /// <summary>How old the in-memory inventory may grow before it is listed again in the background.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan InventoryRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often bridge accounts are asked for new JITNA access requests.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BridgePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Overrides the Systems Manager endpoint (tests, VPC endpoints).</summary>
    public Uri? ServiceUrl { get; set; }

    public Uri? StsServiceUrl { get; set; }

    public Uri? Ec2ServiceUrl { get; set; }

    public Uri? SqsServiceUrl { get; set; }

    /// <summary>The SES endpoint (Email:Provider=ses); https://email.{region}.amazonaws.com when not set.</summary>
    public Uri? SesServiceUrl { get; set; }

    /// <summary>The Region SES is used (and signed) in; the first of <see cref="Regions"/> when not set.</summary>
    public string? SesRegion { get; set; }

    public bool Enabled => Regions.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var region in Regions.Where(r => !RegionShape().IsMatch(r ?? "")))
        {
            yield return new($"Aws:Regions: '{region}' is not a Region name; write it like eu-west-1.", [nameof(Regions)]);
        }

        if (Enabled && Accounts.Count == 0)
        {
            yield return new("Aws:Accounts is empty: list at least one account, e.g. Aws:Accounts:0:Id=111122223333 with its TokenRoleArn.", [nameof(Accounts)]);
        }

        if (!Enabled && Accounts.Count > 0)
        {
            yield return new("Aws:Regions is empty, so Aws:Accounts would be ignored; list the Regions to offer, e.g. Aws:Regions:0=eu-west-1.", [nameof(Regions)]);
        }

        for (var i = 0; i < Accounts.Count; i++)
        {
            foreach (var problem in Accounts[i].Problems($"Aws:Accounts:{i}"))
            {
                yield return new(problem, [nameof(Accounts)]);
            }
        }

        foreach (var duplicate in Accounts.GroupBy(a => a.Id).Where(g => g.Count() > 1))
        {
            yield return new($"Aws:Accounts lists account {duplicate.Key} {duplicate.Count()} times; list each account once.", [nameof(Accounts)]);
        }

        foreach (var (key, url) in new[] { ("ServiceUrl", ServiceUrl), ("StsServiceUrl", StsServiceUrl), ("Ec2ServiceUrl", Ec2ServiceUrl), ("SqsServiceUrl", SqsServiceUrl), ("SesServiceUrl", SesServiceUrl) })
        {
            if (url is not null && !SafeEndpoints.IsSecureOrLoopback(url))
            {
                // Signed requests (and, from STS, credentials) travel to this address: plain HTTP only to a stand-in on this machine.
                yield return new($"Aws:{key} must be an https:// address (http:// only on loopback); got '{url}'.", [key]);
            }
        }
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionShape();
}
