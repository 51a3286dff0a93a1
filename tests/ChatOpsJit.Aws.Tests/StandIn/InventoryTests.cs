using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.StandIn.StandInClients;
using Ec2Filter = Amazon.EC2.Model.Filter;

namespace ChatOpsJit.Aws.Tests.StandIn;

public sealed class InventoryTests
{
    private AwsStandIn standIn = null!;

    [SetUp]
    public async Task Start()
    {
        standIn = await AwsStandIn.StartAsync();
        standIn.AddRole(RoleA);
        standIn.AddRole(RoleB);
    }

    [TearDown]
    public async Task Stop() => await standIn.DisposeAsync();

    [Test]
    public async Task DescribeInstanceInformation_pages_through_every_node_of_the_account_and_Region_once()
    {
        var nodes = Enumerable.Range(0, 12).Select(i => new AwsNode(AccountA, "eu-west-1", $"i-{i:D17}", $"web-{i:D4}")).ToList();
        standIn.AddNodes(nodes);
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var page = await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 5, NextToken = token });
            pages.Add(page.InstanceInformationList.Select(i => i.InstanceId).ToList());
            token = page.NextToken;
        }
        while (token is not null);

        Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 5, 5, 2 }));
        Assert.That(pages.SelectMany(p => p), Is.EqualTo(nodes.Select(n => n.Id)));
    }

    [Test]
    public async Task Keys_from_AssumeRole_see_only_their_accounts_nodes_in_the_Region_they_signed_for()
    {
        standIn.AddNodes(AwsFleet.Generate(120, [AccountA, AccountB], ["eu-west-1", "us-east-1", "ap-southeast-2"], seed: 7));
        var keysA = await AssumeAsync(standIn, RoleA);
        var keysB = await AssumeAsync(standIn, RoleB);

        foreach (var (account, keys) in new[] { (AccountA, keysA), (AccountB, keysB) })
        {
            foreach (var region in new[] { "eu-west-1", "us-east-1", "ap-southeast-2" })
            {
                using var ssm = Ssm(standIn, keys, region);
                var seen = await ListAllAsync(ssm);
                var expected = AwsFleet.Generate(120, [AccountA, AccountB], ["eu-west-1", "us-east-1", "ap-southeast-2"], seed: 7)
                    .Where(n => n.Account == account && n.Region == region).Select(n => n.Id);
                Assert.That(seen, Is.EquivalentTo(expected), $"{account} {region}");
                Assert.That(seen, Is.Not.Empty, $"{account} {region}");
            }
        }
    }

    [Test]
    public async Task Instance_information_reports_platform_ping_status_resource_type_and_address()
    {
        standIn.AddNode(new AwsNode(AccountA, "eu-west-1", "i-0abc1234567890def", "web-0001", "Windows", "ConnectionLost") { IpAddress = "10.0.0.7" });
        standIn.AddNode(new AwsNode(AccountA, "eu-west-1", "mi-0abc1234567890def", "onprem-0001"));
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        var list = (await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList;

        Assert.That(list[0].PingStatus.Value, Is.EqualTo(PingStatus.ConnectionLost.Value));
        Assert.That(list[0].PlatformType.Value, Is.EqualTo(PlatformType.Windows.Value));
        Assert.That(list[0].ResourceType.Value, Is.EqualTo("EC2Instance"));
        Assert.That(list[0].IPAddress, Is.EqualTo("10.0.0.7"));
        Assert.That(list[1].ResourceType.Value, Is.EqualTo("ManagedInstance"));
        Assert.That(list[1].Name, Is.EqualTo("onprem-0001"));
        Assert.That(list[1].PingStatus.Value, Is.EqualTo(PingStatus.Online.Value));
    }

    [TestCase(4)]
    [TestCase(51)]
    public async Task A_MaxResults_outside_5_to_50_is_refused(int max)
    {
        using var ssm = Ssm(standIn, standIn.BotCredentials);

        var error = Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() => ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = max }));

        Assert.That(error!.ErrorCode, Is.EqualTo("ValidationException"));
        Assert.That(error.Message, Does.Contain("maxResults"));
    }

    [Test]
    public async Task A_hybrid_nodes_tags_come_from_ListTagsForResource_with_its_Name()
    {
        standIn.AddNode(new AwsNode(AccountA, "eu-west-1", "mi-0123456789abcdef0", "onprem-0001", Tags: new Dictionary<string, string> { ["Team"] = "payments" }));
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        var tags = await ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.ManagedInstance, ResourceId = "mi-0123456789abcdef0" });

        Assert.That(tags.TagList.Select(t => (t.Key, t.Value)), Is.EqualTo(new[] { ("Name", "onprem-0001"), ("Team", "payments") }));
    }

    [Test]
    public async Task ListTagsForResource_does_not_find_a_node_of_another_account()
    {
        standIn.AddNode(new AwsNode(AccountB, "eu-west-1", "mi-0123456789abcdef0", "onprem-0001"));
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        var error = Assert.ThrowsAsync<InvalidResourceIdException>(() =>
            ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.ManagedInstance, ResourceId = "mi-0123456789abcdef0" }));

        Assert.That(error!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task EC2_DescribeTags_filters_by_resource_id_and_pages_with_NextToken()
    {
        standIn.AddNode(new AwsNode(AccountA, "eu-west-1", "i-00000000000000001", "web-0001", Tags: new Dictionary<string, string> { ["Environment"] = "production", ["Team"] = "payments" }));
        standIn.AddNode(new AwsNode(AccountA, "eu-west-1", "i-00000000000000002", "web-0002", Tags: new Dictionary<string, string> { ["Environment"] = "staging", ["Team"] = "search" }));
        standIn.AddNode(new AwsNode(AccountA, "eu-west-1", "i-00000000000000003", "web-0003"));
        using var ec2 = Ec2(standIn, await AssumeAsync(standIn, RoleA));

        var seen = new List<(string, string, string)>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await ec2.DescribeTagsAsync(new DescribeTagsRequest
            {
                Filters = [new Ec2Filter("resource-id", ["i-00000000000000001", "i-00000000000000002"]), new Ec2Filter("resource-type", ["instance"])],
                MaxResults = 5,
                NextToken = token,
            });
            seen.AddRange(page.Tags.Select(t => (t.ResourceId, t.Key, t.Value)));
            Assert.That(page.Tags.All(t => t.ResourceType == Amazon.EC2.ResourceType.Instance));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.That(pages, Is.EqualTo(2));
        Assert.That(seen, Is.EqualTo(new[]
        {
            ("i-00000000000000001", "Environment", "production"), ("i-00000000000000001", "Name", "web-0001"), ("i-00000000000000001", "Team", "payments"),
            ("i-00000000000000002", "Environment", "staging"), ("i-00000000000000002", "Name", "web-0002"), ("i-00000000000000002", "Team", "search"),
        }));
    }

    private static async Task<List<string>> ListAllAsync(AmazonSimpleSystemsManagementClient ssm)
    {
        var ids = new List<string>();
        var paginator = ssm.Paginators.DescribeInstanceInformation(new DescribeInstanceInformationRequest { MaxResults = 5 });
        await foreach (var info in paginator.InstanceInformationList)
        {
            ids.Add(info.InstanceId);
        }

        return ids;
    }
}
