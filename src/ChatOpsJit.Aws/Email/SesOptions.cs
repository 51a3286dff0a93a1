using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Aws.Email;

/// <summary>Where SES email goes (section <c>Aws</c>, the keys SES reads of it); bound only with Email:Provider=ses.</summary>
public sealed class SesOptions
{
    public const string Section = "Aws";

    /// <summary>The SES endpoint; https://email.{region}.amazonaws.com when not set (a VPC endpoint or a stand-in otherwise).</summary>
    [Url]
    public string? SesServiceUrl { get; set; }

    /// <summary>The Region SES is used (and signed) in; the first of <see cref="Regions"/> when not set.</summary>
    public string? SesRegion { get; set; }

    /// <summary>The Regions the deployment works in (shared with the rest of the AWS adapter).</summary>
    public List<string> Regions { get; set; } = [];
}
