using System.Text.Json.Nodes;
using ChatOpsJit.Aws.Grants;

namespace ChatOpsJit.Aws.Tests.Grants;

/// <summary>The exact session policy, ARNs and role session names a token is minted with.</summary>
public sealed class SessionPolicyTests
{
    private static readonly DateTimeOffset End = new(2026, 12, 1, 15, 30, 0, TimeSpan.Zero);

    [Test]
    public void The_policy_allows_start_session_on_the_node_and_document_and_ending_own_sessions_only_before_the_end()
    {
        var policy = JsonNode.Parse(SessionPolicy.For("arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc", "arn:aws:ssm:eu-west-1:111122223333:document/SSM-SessionManagerRunShell",
            "arn:aws:ssm:eu-west-1:111122223333:session/chatopsjit-ar-1234abcd-*", End))!;

        var expected = JsonNode.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"StartSessionOnTheApprovedNode","Effect":"Allow","Action":"ssm:StartSession",
               "Resource":["arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc","arn:aws:ssm:eu-west-1:111122223333:document/SSM-SessionManagerRunShell"],
               "Condition":{"DateLessThan":{"aws:CurrentTime":"2026-12-01T15:30:00Z"}}},
              {"Sid":"EndOrResumeOwnSessions","Effect":"Allow","Action":["ssm:TerminateSession","ssm:ResumeSession"],
               "Resource":"arn:aws:ssm:eu-west-1:111122223333:session/chatopsjit-ar-1234abcd-*",
               "Condition":{"DateLessThan":{"aws:CurrentTime":"2026-12-01T15:30:00Z"}}},
              {"Sid":"OpenOwnSessionsDataChannel","Effect":"Allow","Action":["ssmmessages:OpenDataChannel"],
               "Resource":"arn:aws:ssm:eu-west-1:111122223333:session/chatopsjit-ar-1234abcd-*",
               "Condition":{"DateLessThan":{"aws:CurrentTime":"2026-12-01T15:30:00Z"}}}]}
            """);
        Assert.That(JsonNode.DeepEquals(policy, expected), Is.True, policy.ToJsonString());
    }

    [Test]
    public void The_policy_fits_the_limit_STS_puts_on_an_inline_session_policy()
    {
        var policy = SessionPolicy.For(NodeArns.Node("aws", "ap-southeast-2", "111122223333", "mi-0123456789abcdef0"),
            NodeArns.Document("aws", "ap-southeast-2", "111122223333", new string('d', 128)),
            NodeArns.OwnSessions("aws", "ap-southeast-2", "111122223333", RoleSessionNames.For("ar-1234abcd")), End);

        Assert.That(policy.Length, Is.LessThan(2048));
    }

    [TestCase("i-0abc", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc")]
    [TestCase("mi-0123456789abcdef0", "arn:aws:ssm:eu-west-1:111122223333:managed-instance/mi-0123456789abcdef0")]
    public void A_node_arn_is_an_ec2_instance_or_a_managed_instance(string node, string arn) =>
        Assert.That(NodeArns.Node("aws", "eu-west-1", "111122223333", node), Is.EqualTo(arn));

    [TestCase("SSM-SessionManagerRunShell", "arn:aws:ssm:eu-west-1:111122223333:document/SSM-SessionManagerRunShell")]
    [TestCase("AWS-StartPortForwardingSession", "arn:aws:ssm:eu-west-1::document/AWS-StartPortForwardingSession")]
    public void A_document_arn_names_the_account_unless_AWS_owns_the_document(string document, string arn) =>
        Assert.That(NodeArns.Document("aws", "eu-west-1", "111122223333", document), Is.EqualTo(arn));

    [Test]
    public void The_session_owner_is_the_assumed_role_session_without_the_role_path() =>
        Assert.That(NodeArns.AssumedRole("aws", "111122223333", "arn:aws:iam::111122223333:role/jit/ChatOpsJitToken", "chatopsjit-ar-1"),
            Is.EqualTo("arn:aws:sts::111122223333:assumed-role/ChatOpsJitToken/chatopsjit-ar-1"));

    [TestCase("ar-1234abcd", "chatopsjit-ar-1234abcd")]
    [TestCase("ar-12 34/ab:cd", "chatopsjit-ar-12-34-ab-cd")]
    public void A_role_session_name_is_the_request_id_in_the_characters_STS_accepts(string id, string name) =>
        Assert.That(RoleSessionNames.For(id), Is.EqualTo(name).And.Match("^[\\w+=,.@-]{2,64}$"));

    [Test]
    public void A_role_session_name_is_at_most_64_characters() =>
        Assert.That(RoleSessionNames.For(new string('a', 100)), Has.Length.EqualTo(64));
}
