using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Aws.Bridge;
using static ChatOpsJit.Aws.Tests.AwsAdapterWorld;

namespace ChatOpsJit.Aws.Tests.Bridge;

/// <summary>A JITNA access request read from its OpsItem's operational data.</summary>
public sealed class JitnaAccessRequestTests
{
    private const string Node = "i-0aaaaaaaaaaaaaaa1";

    private static Dictionary<string, OpsItemDataValue> Data(string json) => new()
    {
        [JitnaAccessRequest.OpsItemType] = new OpsItemDataValue { Type = OpsItemDataType.String, Value = json },
    };

    [Test]
    public async Task From_reads_the_execution_requester_target_and_reason_of_the_stand_ins_OpsItem()
    {
        await using var world = await AwsAdapterWorld.StartAsync();
        var requester = $"arn:aws:sts::{AccountB}:assumed-role/AWSReservedSSO_Operator_0123456789abcdef/jane.doe@example.com";
        var added = world.StandIn.AddOpsItem(AccountB, "eu-west-1", requester, Node, "INC-4242 disk full");
        var item = (await world.Clients.Ssm(AccountB, "eu-west-1").GetOpsItemAsync(new GetOpsItemRequest { OpsItemId = added.OpsItemId })).OpsItem;

        var (request, problem) = JitnaAccessRequest.From(item.OpsItemId, item.Title, item.Description, item.OperationalData);

        Assert.That(problem, Is.Null);
        Assert.That(request, Is.EqualTo(new JitnaAccessRequest(added.OpsItemId, added.AutomationExecutionId!, requester, Node, "INC-4242 disk full")));
        Assert.That(request!.RequesterEmail, Is.EqualTo("jane.doe@example.com"));
    }

    [TestCase("arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Operator_0123456789abcdef/jane.doe@example.com", "jane.doe@example.com")]
    [TestCase("arn:aws:sts::444455556666:assumed-role/Ops/jane.doe@example.com", null)]
    [TestCase("arn:aws:sts::444455556666:assumed-role/Ops/i-0aaaaaaaaaaaaaaa1", null)]
    [TestCase("arn:aws:iam::444455556666:user/jane", null)]
    [TestCase("arn:aws:iam::444455556666:user/jane.doe@example.com", null)]
    [TestCase("arn:aws:iam::444455556666:role/jane.doe@example.com", null)]
    public void RequesterEmail_is_the_session_name_of_an_Identity_Center_role_session_when_it_is_an_email(string arn, string? email) =>
        Assert.That(new JitnaAccessRequest("oi-1", "exec-1", arn, Node, "why").RequesterEmail, Is.EqualTo(email));

    [Test]
    public void Missing_keys_give_a_problem_naming_each_of_them()
    {
        var (request, problem) = JitnaAccessRequest.From("oi-0123456789ab", "t", "d", Data("""{"reason":"INC-1"}"""));

        Assert.That(request, Is.Null);
        Assert.That(problem, Is.EqualTo("OpsItem oi-0123456789ab: /aws/accessrequest lacks automationExecutionId, requesterArn, target"));
    }

    [Test]
    public void One_missing_key_is_named_alone()
    {
        var (request, problem) = JitnaAccessRequest.From("oi-0123456789ab", "t", "d",
            Data("""{"automationExecutionId":"e-1","requesterArn":"arn:aws:sts::444455556666:assumed-role/Ops/a@b.c"}"""));

        Assert.That(request, Is.Null);
        Assert.That(problem, Is.EqualTo("OpsItem oi-0123456789ab: /aws/accessrequest lacks target"));
    }

    [Test]
    public void An_OpsItem_without_the_access_request_data_is_a_problem()
    {
        var (request, problem) = JitnaAccessRequest.From("oi-0123456789ab", "t", "d", new Dictionary<string, OpsItemDataValue>());

        Assert.That(request, Is.Null);
        Assert.That(problem, Is.EqualTo("OpsItem oi-0123456789ab has no /aws/accessrequest operational data"));
    }

    [Test]
    public void Data_that_is_not_JSON_is_a_problem()
    {
        var (request, problem) = JitnaAccessRequest.From("oi-0123456789ab", "t", "d", Data("not json"));

        Assert.That(request, Is.Null);
        Assert.That(problem, Does.StartWith("OpsItem oi-0123456789ab: /aws/accessrequest is not JSON"));
    }

    [Test]
    public void Without_a_reason_the_description_is_the_reason()
    {
        var (request, _) = JitnaAccessRequest.From("oi-0123456789ab", "the title", "the description",
            Data("""{"automationExecutionId":"e-1","requesterArn":"arn:aws:sts::444455556666:assumed-role/Ops/a@b.c","targetId":"i-0aaaaaaaaaaaaaaa1"}"""));

        Assert.That(request!.Reason, Is.EqualTo("the description"));
    }
}
