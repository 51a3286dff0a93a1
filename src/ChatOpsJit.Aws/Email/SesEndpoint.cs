using Amazon.Extensions.NETCore.Setup;

namespace ChatOpsJit.Aws.Email;

/// <summary>The URL SendEmail is posted to and the Region it is signed for.</summary>
public sealed record SesEndpoint(Uri SendEmailUrl, string Region)
{
    /// <summary>
    /// Region: Aws:SesRegion, else the first of Aws:Regions, else the SDK's (AWSOptions.Region); null when none is set.
    /// URL: Aws:SesServiceUrl, else the Region's public endpoint.
    /// </summary>
    public static SesEndpoint? Resolve(AwsOptions options, AWSOptions? aws)
    {
        var region = new[] { options.SesRegion, options.Regions.FirstOrDefault(), aws?.Region?.SystemName }.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r));
        if (region is null)
        {
            return null;
        }

        var baseUrl = options.SesServiceUrl?.ToString() ?? $"https://email.{region}.amazonaws.com";
        return new SesEndpoint(new Uri(baseUrl.TrimEnd('/') + "/v2/email/outbound-emails"), region);
    }
}
