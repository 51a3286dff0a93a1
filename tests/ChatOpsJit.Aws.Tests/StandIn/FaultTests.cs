using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.StandIn.StandInClients;

namespace ChatOpsJit.Aws.Tests.StandIn;

public sealed class FaultTests
{
    private AwsStandIn standIn = null!;

    [SetUp]
    public async Task Start()
    {
        standIn = await AwsStandIn.StartAsync();
        standIn.AddRole(RoleA);
    }

    [TearDown]
    public async Task Stop() => await standIn.DisposeAsync();

    [Test]
    public void SSM_throttling_surfaces_as_the_SDKs_exception_with_the_ThrottlingException_code_when_retries_are_off()
    {
        standIn.FailNext("TerminateSession", 1, AwsFault.Throttling);
        using var ssm = Ssm(standIn, standIn.BotCredentials);

        // The SSM model lists ThrottlingException for a few newer operations only; for the rest the SDK throws its service
        // exception carrying the code, which its retry policy still treats as throttling.
        var error = Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() =>
            ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = "s-1" }));

        Assert.That((error!.ErrorCode, error.StatusCode), Is.EqualTo(("ThrottlingException", System.Net.HttpStatusCode.BadRequest)));
        Assert.That(error.Message, Is.EqualTo("Rate exceeded"));
        Assert.That(standIn.Calls.Single().Refused);
    }

    [Test]
    public async Task SSM_throttling_is_retried_by_the_SDK_when_retries_are_on()
    {
        standIn.FailNext("TerminateSession", 1, AwsFault.Throttling);
        using var ssm = new AmazonSimpleSystemsManagementClient(standIn.BotCredentials,
            new AmazonSimpleSystemsManagementConfig { ServiceURL = standIn.Url, AuthenticationRegion = "eu-west-1", MaxErrorRetry = 2 });

        await ssm.TerminateSessionAsync(new TerminateSessionRequest { SessionId = "s-1" });

        Assert.That(standIn.Calls.Select(c => c.ErrorCode), Is.EqualTo(new[] { "ThrottlingException", null }));
    }

    [Test]
    public void STS_throttling_is_the_Throttling_code_with_400()
    {
        standIn.FailNext("AssumeRole", 1, AwsFault.Throttling);
        using var sts = Sts(standIn);

        var error = Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleA, RoleSessionName = "s-1" }));

        Assert.That((error!.ErrorCode, error.StatusCode), Is.EqualTo(("Throttling", System.Net.HttpStatusCode.BadRequest)));
    }

    [Test]
    public void EC2_throttling_is_RequestLimitExceeded_with_503()
    {
        standIn.FailNext("DescribeTags", 1, AwsFault.Throttling);
        using var ec2 = Ec2(standIn, standIn.BotCredentials);

        var error = Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeTagsAsync(new DescribeTagsRequest()));

        Assert.That((error!.ErrorCode, error.StatusCode), Is.EqualTo(("RequestLimitExceeded", System.Net.HttpStatusCode.ServiceUnavailable)));
    }

    [Test]
    public async Task A_server_error_queued_for_the_next_call_is_retried_by_the_SDK_when_retries_are_on()
    {
        standIn.FailNext("DescribeInstanceInformation", 2, AwsFault.ServerError);
        using var ssm = new AmazonSimpleSystemsManagementClient(standIn.BotCredentials,
            new AmazonSimpleSystemsManagementConfig { ServiceURL = standIn.Url, AuthenticationRegion = "eu-west-1", MaxErrorRetry = 3 });

        await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        Assert.That(standIn.Calls.Select(c => c.ErrorCode), Is.EqualTo(new[] { "InternalServerError", "InternalServerError", null }));
    }

    [Test]
    public async Task FailAlways_fails_every_call_until_Heal()
    {
        standIn.FailAlways("GetCallerIdentity", AwsFault.AccessDenied);
        using var sts = Sts(standIn);

        for (var i = 0; i < 3; i++)
        {
            var error = Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
            Assert.That((error!.ErrorCode, error.StatusCode), Is.EqualTo(("AccessDenied", System.Net.HttpStatusCode.Forbidden)));
        }

        standIn.Heal("GetCallerIdentity");
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.That(identity.Account, Is.EqualTo(standIn.BotAccountId));
    }

    [Test]
    public async Task A_fault_for_one_operation_leaves_the_others_alone()
    {
        standIn.FailAlways("TerminateSession", AwsFault.ServerError);
        using var ssm = Ssm(standIn, standIn.BotCredentials);

        var answer = await ssm.DescribeSessionsAsync(new DescribeSessionsRequest { State = SessionState.Active });

        Assert.That(answer.Sessions, Is.Empty);
        Assert.That(standIn.Calls.Single().Succeeded);
    }
}
