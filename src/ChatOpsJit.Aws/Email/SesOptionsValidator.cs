using Amazon.Extensions.NETCore.Setup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Email;

/// <summary>With Email:Provider=ses a Region must be known, or nothing could be signed: a start-up error naming the keys to set.</summary>
internal sealed class SesOptionsValidator(IServiceProvider services) : IValidateOptions<AwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsOptions options) =>
        SesEndpoint.Resolve(options, services.GetService<AWSOptions>()) is null
            ? ValidateOptionsResult.Fail("Aws:SesRegion: Email:Provider=ses needs the SES Region; set Aws:SesRegion, Aws:Regions or AWS:Region.")
            : ValidateOptionsResult.Success;
}
