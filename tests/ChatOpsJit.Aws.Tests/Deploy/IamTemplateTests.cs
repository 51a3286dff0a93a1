using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace ChatOpsJit.Aws.Tests.Deploy;

/// <summary>deploy/iam/chatopsjit.cfn.yaml read as CloudFormation: well formed, and least privilege where it matters.</summary>
public sealed partial class IamTemplateTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.LoadIam();

    /// <summary>Actions without resource-level permissions: the only ones an Allow may grant on Resource "*".</summary>
    private static readonly ImmutableHashSet<string> ActionsThatNeedResourceStar = ImmutableHashSet.Create(
        "ssm:DescribeInstanceInformation", "ssm:DescribeSessions", "ec2:DescribeTags", "ssm:DescribeOpsItems",
        "ssm:StartAccessRequest", "ssm:GetAccessToken", "ssm:CreateOpsItem");

    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubVariable();

    private static IReadOnlyDictionary<string, object?> Map(object? node) =>
        node as IReadOnlyDictionary<string, object?> ?? throw new InvalidDataException("expected a mapping, got " + node);

    private static IEnumerable<(string? Key, object? Node, ImmutableList<Guard> Guards)> EveryNode() =>
        CloudFormationTemplate.Walk(Template.Root, null, ImmutableList<Guard>.Empty);

    private static IEnumerable<object?> Values(object? node) => CloudFormationTemplate.Values(node);

    /// <summary>Whether a condition holds only in a bridge account: it is IsBridgeAccount == "true", or an
    /// Fn::And with such a part.</summary>
    private static bool ImpliesBridge(object? definition) => definition switch
    {
        IReadOnlyDictionary<string, object?> d when d.TryGetValue("Condition", out var name) && name is string n =>
            ImpliesBridge(Template.Section("Conditions").GetValueOrDefault(n)),
        IReadOnlyDictionary<string, object?> d when d.TryGetValue("Fn::Equals", out var args) && args is IReadOnlyList<object?> { Count: 2 } pair =>
            pair.Any(p => p is IReadOnlyDictionary<string, object?> r && r.GetValueOrDefault("Ref") is "IsBridgeAccount") && pair.Contains("true"),
        IReadOnlyDictionary<string, object?> d when d.TryGetValue("Fn::And", out var parts) && parts is IReadOnlyList<object?> all =>
            all.Any(ImpliesBridge),
        _ => false,
    };

    private static bool UnderBridgeCondition(ImmutableList<Guard> guards) =>
        guards.Any(g => !g.Negated && ImpliesBridge(Template.Section("Conditions").GetValueOrDefault(g.Condition)));

    /// <summary>Whether a principal value is the bot role: GetAtt BotRole.Arn, or the ARN built from BotRoleName.</summary>
    private static bool IsBotRoleArn(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> d when d.TryGetValue("Fn::GetAtt", out var a) && a is IReadOnlyList<object?> l =>
            l.SequenceEqual(new object?[] { "BotRole", "Arn" }),
        IReadOnlyDictionary<string, object?> d when d.TryGetValue("Fn::Sub", out var s) =>
            (s is IReadOnlyList<object?> { Count: > 0 } sl ? sl[0] : s) is string t
            && t.StartsWith("arn:${AWS::Partition}:iam::", StringComparison.Ordinal) && t.EndsWith(":role/${BotRoleName}", StringComparison.Ordinal),
        _ => false,
    };

    private static string SubTemplate(object? value) =>
        value is IReadOnlyDictionary<string, object?> d && d.TryGetValue("Fn::Sub", out var s)
            ? (s is IReadOnlyList<object?> { Count: > 0 } l ? l[0] : s) as string ?? ""
            : "";

    [Test]
    public void TemplateDeclaresTheOnlyFormatVersion() =>
        Assert.That(Template.Root.GetValueOrDefault("AWSTemplateFormatVersion"), Is.EqualTo("2010-09-09"));

    [Test]
    public void EveryResourceHasAnAwsType()
    {
        var resources = Template.Section("Resources");
        Assert.That(resources, Is.Not.Empty);
        foreach (var (name, resource) in resources)
        {
            Assert.That(Map(resource).GetValueOrDefault("Type"), Is.InstanceOf<string>().And.StartsWith("AWS::"), name);
        }
    }

    [Test]
    public void EveryRefGetAttAndSubVariableNamesAParameterResourceOrPseudoParameter()
    {
        var parameters = Template.Section("Parameters").Keys.ToHashSet(StringComparer.Ordinal);
        var resources = Template.Section("Resources").Keys.ToHashSet(StringComparer.Ordinal);
        bool Known(string name) => parameters.Contains(name) || resources.Contains(name) || CloudFormationTemplate.PseudoParameters.Contains(name);

        var checkedNames = 0;
        foreach (var (_, node, _) in EveryNode())
        {
            if (node is not IReadOnlyDictionary<string, object?> { Count: 1 } d)
            {
                continue;
            }

            if (d.TryGetValue("Ref", out var r))
            {
                Assert.That(r is string name && Known(name), Is.True, $"Ref {r}");
                checkedNames++;
            }
            else if (d.TryGetValue("Fn::GetAtt", out var g))
            {
                Assert.That(g is IReadOnlyList<object?> { Count: 2 } l && l[0] is string res && resources.Contains(res), Is.True, "GetAtt");
                checkedNames++;
            }
            else if (d.TryGetValue("Fn::Sub", out var s))
            {
                var local = s is IReadOnlyList<object?> { Count: 2 } sl ? Map(sl[1]).Keys.ToHashSet(StringComparer.Ordinal) : [];
                foreach (Match m in SubVariable().Matches(SubTemplate(d)))
                {
                    var name = m.Groups[1].Value;
                    var head = name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal) ? name[..name.IndexOf('.', StringComparison.Ordinal)] : name;
                    Assert.That(local.Contains(name) || Known(head), Is.True, $"${{{name}}} in {SubTemplate(d)}");
                    checkedNames++;
                }
            }
        }

        Assert.That(checkedNames, Is.GreaterThan(20), "the walk found the template's references");
    }

    [Test]
    public void EveryConditionUsedIsDefinedAndEveryDefinedConditionIsUsed()
    {
        var defined = Template.Section("Conditions").Keys.ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in new[] { "Resources", "Outputs" })
        {
            foreach (var (_, item) in Template.Section(section))
            {
                if (Map(item).GetValueOrDefault("Condition") is string c)
                {
                    used.Add(c);
                }
            }
        }

        foreach (var (_, node, guards) in EveryNode())
        {
            used.UnionWith(guards.Select(g => g.Condition));
            if (node is IReadOnlyDictionary<string, object?> { Count: 1 } d && d.GetValueOrDefault("Condition") is string inner)
            {
                used.Add(inner);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(used.Except(defined), Is.Empty, "used but not defined");
            Assert.That(defined.Except(used), Is.Empty, "defined but never used");
        });
    }

    [Test]
    public void NoPolicyStatementUsesAWildcardOrNegatedAction()
    {
        var statements = Template.Statements().ToList();
        Assert.That(statements, Has.Count.GreaterThan(10));
        foreach (var s in statements)
        {
            Assert.That(s.Body.ContainsKey("NotAction"), Is.False, $"{s.Resource} {s.Body.GetValueOrDefault("Sid")}: NotAction");
            Assert.That(s.Actions, Is.Not.Empty.And.All.Not.Contain("*"), $"{s.Resource} {s.Body.GetValueOrDefault("Sid")}");
        }
    }

    [Test]
    public void AllowOnResourceStarOnlyForActionsWithoutResourceLevelPermissions()
    {
        var starAllows = Template.Statements()
            .Where(s => s.Effect == "Allow" && s.Document == "PolicyDocument" && Values(s.Body.GetValueOrDefault("Resource")).Contains("*"))
            .ToList();
        Assert.That(starAllows, Is.Not.Empty, "the describe calls are there");
        foreach (var s in starAllows)
        {
            Assert.That(s.Actions.Except(ActionsThatNeedResourceStar), Is.Empty, $"{s.Resource} {s.Body.GetValueOrDefault("Sid")}");
        }
    }

    [Test]
    public void AccountRolesTrustOnlyTheBotRole()
    {
        foreach (var role in new[] { "InventoryRole", "TokenRole" })
        {
            var trust = Template.Statements().Where(s => s.Resource == role && s.Document == "AssumeRolePolicyDocument").ToList();
            Assert.That(trust, Is.Not.Empty, role);
            foreach (var s in trust)
            {
                Assert.That(s.Effect, Is.EqualTo("Allow"), role);
                var principal = Map(s.Body.GetValueOrDefault("Principal"));
                Assert.That(principal.Keys, Is.EqualTo(new[] { "AWS" }), role + ": only an AWS principal");
                var arns = Values(principal["AWS"]).ToList();
                Assert.That(arns, Is.Not.Empty.And.All.Matches<object?>(IsBotRoleArn), role + ": only the bot role");
            }
        }
    }

    [Test]
    public void TokenRoleTrustAllowsAssumeRoleSetSourceIdentityAndTagSessionOnly()
    {
        var actions = Template.Statements()
            .Where(s => s.Resource == "TokenRole" && s.Document == "AssumeRolePolicyDocument")
            .SelectMany(s => s.Actions)
            .ToHashSet(StringComparer.Ordinal);
        Assert.That(actions, Is.EquivalentTo(new[] { "sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession" }));
    }

    [Test]
    public void TokenRoleTrustRequiresASourceIdentityAndAllowsOnlyTheSSMSessionRunAsTag()
    {
        var trust = Template.Statements().Where(s => s.Resource == "TokenRole" && s.Document == "AssumeRolePolicyDocument").ToList();
        var assume = trust.Single(s => s.Has("sts:AssumeRole"));
        var tag = trust.Single(s => s.Has("sts:TagSession"));
        var source = trust.Single(s => s.Has("sts:SetSourceIdentity"));
        Assert.Multiple(() =>
        {
            var isNull = Map(Map(assume.Body["Condition"])["Null"]);
            Assert.That(isNull.GetValueOrDefault("sts:SourceIdentity"), Is.EqualTo("false"), "AssumeRole needs a SourceIdentity");
            Assert.That(Map(source.Body["Condition"]).Values.Select(Map).Any(op => op.ContainsKey("sts:SourceIdentity")), Is.True,
                "SetSourceIdentity constrains the value");
            var tagKeys = Map(Map(tag.Body["Condition"])["ForAllValues:StringEquals"])["aws:TagKeys"];
            Assert.That(CloudFormationTemplate.Strings(tagKeys), Is.EqualTo(new[] { "SSMSessionRunAs" }));
            Assert.That(new[] { assume, tag, source }.Count(s => s.Body.ContainsKey("Condition")), Is.EqualTo(3), "no unconditioned trust statement");
        });
    }

    [Test]
    public void OnlyTheTokenRoleMayStartSessionsAndOnlyOnNodesAndTheSessionDocument()
    {
        var grants = Template.Statements().Where(s => s.Effect == "Allow" && s.Has("ssm:StartSession")).ToList();
        Assert.That(grants.Select(s => s.Resource).Distinct(), Is.EqualTo(new[] { "TokenRole" }));
        var resources = grants.SelectMany(s => Values(s.Body.GetValueOrDefault("Resource"))).Select(SubTemplate).ToList();
        Assert.That(resources, Is.EquivalentTo(new[]
        {
            "arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:instance/*",
            "arn:${AWS::Partition}:ssm:*:${AWS::AccountId}:managed-instance/*",
            "arn:${AWS::Partition}:ssm:*:${AWS::AccountId}:document/${SessionDocumentName}",
        }));
    }

    [Test]
    public void RequesterPolicyDeniesStartSessionExceptThroughTheTokenRole()
    {
        var statements = Template.Statements().Where(s => s.Resource == "RequesterPolicy").ToList();
        var deny = statements.Single(s => s.Effect == "Deny" && s.Has("ssm:StartSession"));
        Assert.Multiple(() =>
        {
            Assert.That(Values(deny.Body.GetValueOrDefault("Resource")), Is.EqualTo(new[] { "*" }));
            var exempt = Values(Map(Map(deny.Body["Condition"])["ArnNotLike"])["aws:PrincipalArn"]).Select(SubTemplate).ToList();
            Assert.That(exempt, Does.Contain("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${TokenRoleName}"));
            Assert.That(exempt, Has.All.Contain(":role/"), "exempts roles only, never a user or the account");
            Assert.That(statements.Where(s => s.Effect == "Allow").SelectMany(s => s.Actions), Does.Not.Contain("ssm:StartSession"));
        });
    }

    [Test]
    public void SendAutomationSignalIsGrantedOnlyUnderTheBridgeCondition()
    {
        var signals = Template.Statements().Where(s => s.Has("ssm:SendAutomationSignal")).ToList();
        Assert.That(signals, Is.Not.Empty);
        foreach (var s in signals)
        {
            Assert.That(UnderBridgeCondition(s.Guards), Is.True, $"{s.Resource} {s.Body.GetValueOrDefault("Sid")} outside the bridge condition");
        }
    }

    [Test]
    public void OutputsGiveEachRoleArnUnderItsResourceCondition()
    {
        var outputs = Template.Section("Outputs");
        foreach (var (output, role) in new[] { ("BotRoleArn", "BotRole"), ("InventoryRoleArn", "InventoryRole"), ("TokenRoleArn", "TokenRole") })
        {
            var o = Map(outputs[output]);
            Assert.That(Map(o["Value"])["Fn::GetAtt"], Is.EqualTo(new object?[] { role, "Arn" }), output);
            Assert.That(o.GetValueOrDefault("Condition"), Is.EqualTo(Template.Resource(role).GetValueOrDefault("Condition")), output);
        }
    }
}
