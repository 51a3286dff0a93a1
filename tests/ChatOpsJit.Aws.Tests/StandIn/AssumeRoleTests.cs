using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Testing.Aws;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsJit.Aws.Tests.StandIn.StandInClients;
using StsTag = Amazon.SecurityToken.Model.Tag;

namespace ChatOpsJit.Aws.Tests.StandIn;

public sealed class AssumeRoleTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private AwsStandIn standIn = null!;

    [SetUp]
    public async Task Start()
    {
        standIn = await AwsStandIn.StartAsync(new AwsStandInOptions { Time = time });
        standIn.AddRole(RoleA);
    }

    [TearDown]
    public async Task Stop() => await standIn.DisposeAsync();

    [Test]
    public async Task AssumeRole_answers_fresh_keys_for_the_assumed_role_and_records_what_was_asked()
    {
        using var sts = Sts(standIn);
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm:StartSession","Resource":"*"}]}""";

        var answer = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = RoleA,
            RoleSessionName = "ar-00000001",
            DurationSeconds = 1800,
            Policy = policy,
            SourceIdentity = "dev@example.com",
            Tags = [new StsTag { Key = "SSMSessionRunAs", Value = "readonly" }],
            TransitiveTagKeys = ["SSMSessionRunAs"],
        });

        Assert.That(answer.Credentials.AccessKeyId, Does.StartWith("ASIA"));
        Assert.That(answer.Credentials.SessionToken, Is.Not.Empty);
        Assert.That(answer.AssumedRoleUser.Arn, Is.EqualTo($"arn:aws:sts::{AccountA}:assumed-role/ChatOpsJitInventory/ar-00000001"));
        Assert.That(answer.SourceIdentity, Is.EqualTo("dev@example.com"));
        Assert.That(answer.Credentials.Expiration!.Value.ToUniversalTime(), Is.EqualTo(time.GetUtcNow().AddSeconds(1800).UtcDateTime).Within(TimeSpan.FromSeconds(1)));
        var issued = standIn.Issued.Single();
        Assert.That(issued.AccessKeyId, Is.EqualTo(answer.Credentials.AccessKeyId));
        Assert.That(issued.SecretAccessKey, Is.EqualTo(answer.Credentials.SecretAccessKey));
        Assert.That(issued.Policy, Is.EqualTo(policy));
        Assert.That(issued.SourceIdentity, Is.EqualTo("dev@example.com"));
        Assert.That(issued.Tags, Is.EqualTo(new[] { new KeyValuePair<string, string>("SSMSessionRunAs", "readonly") }));
        Assert.That(issued.TransitiveTagKeys, Is.EqualTo(new[] { "SSMSessionRunAs" }));
        Assert.That(issued.DurationSeconds, Is.EqualTo(1800));
        Assert.That(issued.CallerArn, Is.EqualTo(standIn.BotArn));
    }

    [Test]
    public async Task Each_AssumeRole_gives_other_keys()
    {
        var first = await AssumeAsync(standIn, RoleA);
        var second = await AssumeAsync(standIn, RoleA);

        Assert.That(first.GetCredentials().AccessKey, Is.Not.EqualTo(second.GetCredentials().AccessKey));
        Assert.That(first.GetCredentials().SecretKey, Is.Not.EqualTo(second.GetCredentials().SecretKey));
    }

    [Test]
    public void A_role_the_test_did_not_add_is_AccessDenied_403()
    {
        using var sts = Sts(standIn);

        var error = Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleB, RoleSessionName = "s-1" }));

        Assert.That(error!.ErrorCode, Is.EqualTo("AccessDenied"));
        Assert.That(error.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Forbidden));
        Assert.That(error.Message, Does.Contain(RoleB));
        Assert.That(standIn.Issued, Is.Empty);
    }

    [TestCase("x", null, 900)]
    [TestCase("has space", null, 900)]
    [TestCase("ok-name", "bad identity", 900)]
    [TestCase("ok-name", null, 899)]
    [TestCase("ok-name", null, 3601)]
    public void A_session_name_source_identity_or_duration_STS_would_refuse_is_a_ValidationError(string name, string? identity, int duration)
    {
        using var sts = Sts(standIn);

        var error = Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleA, RoleSessionName = name, SourceIdentity = identity, DurationSeconds = duration }));

        Assert.That(error!.ErrorCode, Is.EqualTo("ValidationError"));
        Assert.That(error.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadRequest));
    }

    [Test]
    public void A_session_policy_that_is_not_JSON_is_MalformedPolicyDocument()
    {
        using var sts = Sts(standIn);

        var error = Assert.ThrowsAsync<MalformedPolicyDocumentException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleA, RoleSessionName = "s-1", Policy = "{not json" }));

        Assert.That(error!.ErrorCode, Is.EqualTo("MalformedPolicyDocument"));
    }

    [Test]
    public async Task GetCallerIdentity_names_the_bot_and_then_the_assumed_role_in_its_account()
    {
        using var bot = Sts(standIn);
        using var assumed = Sts(standIn, await AssumeAsync(standIn, RoleA, "grant-7"));

        var botIdentity = await bot.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var roleIdentity = await assumed.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.That((botIdentity.Account, botIdentity.Arn), Is.EqualTo((standIn.BotAccountId, standIn.BotArn)));
        Assert.That((roleIdentity.Account, roleIdentity.Arn), Is.EqualTo((AccountA, $"arn:aws:sts::{AccountA}:assumed-role/ChatOpsJitInventory/grant-7")));
        Assert.That(roleIdentity.UserId, Does.StartWith("AROA").And.EndWith(":grant-7"));
    }

    [Test]
    public async Task Keys_past_their_expiration_are_refused_with_ExpiredToken_and_the_call_is_recorded_as_refused()
    {
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA, duration: 900));
        await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        time.Advance(TimeSpan.FromSeconds(901));
        var error = Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() => ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest()));

        Assert.That(error!.ErrorCode, Is.EqualTo("ExpiredToken"));
        var last = standIn.Calls[^1];
        Assert.That((last.Operation, last.Refused, last.ErrorCode), Is.EqualTo(("DescribeInstanceInformation", true, "ExpiredToken")));
    }
}
