using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.StandIn.StandInClients;

namespace ChatOpsJit.Aws.Tests.StandIn;

public sealed class SignatureTests
{
    private const string Body = """{"MaxResults":5}""";
    private AwsStandIn standIn = null!;
    private HttpClient http = null!;

    [SetUp]
    public async Task Start()
    {
        standIn = await AwsStandIn.StartAsync();
        http = new HttpClient();
    }

    [TearDown]
    public async Task Stop()
    {
        http.Dispose();
        await standIn.DisposeAsync();
    }

    [Test]
    public async Task The_SDKs_signature_is_verified_and_the_call_names_its_account_Region_and_key()
    {
        using var ssm = Ssm(standIn, standIn.BotCredentials, "eu-central-1");

        await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        var call = standIn.Calls.Single();
        Assert.That((call.Service, call.Operation, call.Region, call.Account, call.AccessKeyId, call.Refused),
            Is.EqualTo(("ssm", "DescribeInstanceInformation", "eu-central-1", standIn.BotAccountId, standIn.AccessKeyId, false)));
    }

    [Test]
    public async Task An_unsigned_request_is_refused_403_MissingAuthenticationToken_and_recorded()
    {
        using var answer = await http.SendAsync(SsmRequest(Body));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("\"__type\":\"MissingAuthenticationToken\""));
        var call = standIn.Calls.Single();
        Assert.That((call.Operation, call.Refused, call.ErrorCode), Is.EqualTo(("DescribeInstanceInformation", true, "MissingAuthenticationToken")));
    }

    [Test]
    public async Task A_request_signed_with_the_wrong_secret_is_refused_403_SignatureDoesNotMatch()
    {
        var request = SsmRequest(Body);
        await SignAsync(request, Body, new BasicAWSCredentials(standIn.AccessKeyId, "not-the-secret"));

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("SignatureDoesNotMatch"));
        Assert.That(standIn.Calls.Single().Refused);
    }

    [Test]
    public async Task A_body_changed_after_signing_is_refused_403_SignatureDoesNotMatch()
    {
        var request = SsmRequest(Body);
        await SignAsync(request, Body, standIn.BotCredentials);
        request.Headers.Remove("X-Amz-Content-SHA256");
        request.Content = new StringContent("""{"MaxResults":50}""", Encoding.UTF8);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(standIn.Calls.Single().ErrorCode, Is.EqualTo("SignatureDoesNotMatch"));
    }

    [Test]
    public async Task A_correctly_signed_request_sent_by_hand_is_answered()
    {
        var request = SsmRequest(Body);
        await SignAsync(request, Body, standIn.BotCredentials);

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        Assert.That(standIn.Calls.Single().Refused, Is.False);
    }

    [Test]
    public async Task An_access_key_the_stand_in_never_issued_is_refused_403_InvalidClientTokenId()
    {
        var request = SsmRequest(Body);
        await SignAsync(request, Body, new BasicAWSCredentials("AKIAUNKNOWNUNKNOWN00", "whatever"));

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(standIn.Calls.Single().ErrorCode, Is.EqualTo("InvalidClientTokenId"));
    }

    [Test]
    public async Task Temporary_keys_with_another_session_token_are_refused_403_InvalidClientTokenId()
    {
        standIn.AddRole(RoleA);
        var keys = (await AssumeAsync(standIn, RoleA)).GetCredentials();
        var request = SsmRequest(Body);
        await SignAsync(request, Body, new SessionAWSCredentials(keys.AccessKey, keys.SecretKey, "someone-elses-token"));

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(standIn.Calls[^1].ErrorCode, Is.EqualTo("InvalidClientTokenId"));
    }

    private HttpRequestMessage SsmRequest(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, standIn.Url + "/") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AmazonSSM.DescribeInstanceInformation");
        return request;
    }

    private static async Task SignAsync(HttpRequestMessage request, string body, AWSCredentials credentials)
    {
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.RequestUri!, Content = Encoding.UTF8.GetBytes(body) };
        signing.Headers["Content-Type"] = "application/x-amz-json-1.1";
        signing.Headers["X-Amz-Target"] = "AmazonSSM.DescribeInstanceInformation";
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName("eu-west-1"),
            Service = "ssm",
            SignPayload = true,
        }, CancellationToken.None);
        foreach (var (name, value) in signed.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content!.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
