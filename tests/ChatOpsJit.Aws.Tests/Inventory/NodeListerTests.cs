using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.AwsAdapterWorld;

namespace ChatOpsJit.Aws.Tests.Inventory;

/// <summary>The inventory as SsmInventory and NodeLister list it from the stand-in's accounts and Regions.</summary>
public sealed class NodeListerTests
{
    private const int Seed = 20260;
    private AwsAdapterWorld world = null!;

    [SetUp]
    public async Task Start() => world = await AwsAdapterWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await world.DisposeAsync();

    [Test]
    public async Task Five_thousand_nodes_are_all_listed_page_by_page_with_their_account_Region_platform_ping_status_and_exact_tags()
    {
        var fleet = AwsFleet.Generate(5000, Accounts, Regions, Seed);
        world.StandIn.AddNodes(fleet);
        var inventory = world.Inventory();

        await inventory.RefreshAsync();

        var listed = (await inventory.ListAsync(10_000)).Nodes;
        Assert.That(listed.Select(n => n.Id), Is.EquivalentTo(fleet.Select(n => n.Id)));
        var byId = listed.ToDictionary(n => n.Id);
        var wrong = fleet.Where(expected =>
        {
            var node = byId[expected.Id];
            return node.Name != expected.Name || node.Account != expected.Account || node.Region != expected.Region || node.Platform != expected.Platform ||
                   node.PingStatus.ToString() != expected.PingStatus ||
                   !node.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).SequenceEqual(expected.AllTags.OrderBy(t => t.Key, StringComparer.Ordinal));
        }).Select(n => $"{n} listed as {byId[n.Id]}").Take(5).ToList();
        Assert.That(wrong, Is.Empty);
        Assert.That(fleet.Select(n => n.PingStatus).Distinct(), Is.EquivalentTo(new[] { "Online", "ConnectionLost", "Inactive" }), "the fleet has every ping status");
        Assert.That(fleet.Select(n => n.Platform).Distinct(), Is.EquivalentTo(new[] { "Linux", "Windows" }), "the fleet has both platforms");

        var describes = world.StandIn.CallsOf("DescribeInstanceInformation");
        Assert.That(describes.Select(c => Json(c)["MaxResults"]?.GetValue<int>()), Is.All.EqualTo(50));
        foreach (var account in Accounts)
        {
            foreach (var region in Regions)
            {
                var nodes = fleet.Count(n => n.Account == account && n.Region == region);
                Assert.That(describes.Count(c => c.Account == account && c.Region == region), Is.EqualTo(Math.Max(1, (nodes + 49) / 50)), $"pages of {account}/{region} ({nodes} nodes)");
            }
        }

        // EC2 instances' tags come from EC2 DescribeTags, hybrid nodes' from ListTagsForResource, and no node's from both.
        var hybrid = fleet.Where(n => n.IsHybrid).Select(n => n.Id).ToList();
        Assert.That(hybrid, Is.Not.Empty);
        Assert.That(world.StandIn.CallsOf("ListTagsForResource").Select(c => Json(c)["ResourceId"]?.GetValue<string>()), Is.EquivalentTo(hybrid));
        var askedEc2 = world.StandIn.CallsOf("DescribeTags").SelectMany(c => Ec2FilterValues(c, "resource-id")).ToList();
        Assert.That(askedEc2, Is.EquivalentTo(fleet.Where(n => !n.IsHybrid).Select(n => n.Id)));
        Assert.That(world.StandIn.Calls.Where(c => !c.Succeeded), Is.Empty);
    }

    [Test]
    public async Task Each_account_is_listed_with_its_own_inventory_roles_credentials_in_every_Region()
    {
        world.StandIn.AddNodes(AwsFleet.Generate(60, Accounts, Regions, Seed));

        await world.Inventory().RefreshAsync();

        var describes = world.StandIn.CallsOf("DescribeInstanceInformation");
        Assert.That(describes.Select(c => $"{c.Account}/{c.Region}").Distinct(), Is.EquivalentTo(Accounts.SelectMany(a => Regions.Select(r => $"{a}/{r}"))));
        foreach (var account in Accounts)
        {
            var roleKeys = world.StandIn.Issued.Where(i => i.RoleArn == InventoryRole(account)).Select(i => i.AccessKeyId).ToList();
            Assert.That(roleKeys, Is.Not.Empty, $"the inventory role of {account} was assumed");
            Assert.That(roleKeys, Is.SupersetOf(describes.Where(c => c.Account == account).Select(c => c.AccessKeyId).Distinct()), $"{account} is listed with its inventory role's keys only");
        }

        Assert.That(world.StandIn.Issued.Select(i => i.RoleArn).Distinct(), Is.EquivalentTo(Accounts.Select(InventoryRole)), "no token role is assumed to list");
    }

    [TestCase("Online", NodePingStatus.Online)]
    [TestCase("ConnectionLost", NodePingStatus.ConnectionLost)]
    [TestCase("Inactive", NodePingStatus.Inactive)]
    public async Task SSMs_ping_status_maps_to_the_nodes_ping_status(string ssm, NodePingStatus expected)
    {
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", "i-0aaaaaaaaaaaaaaa1", "web-0001", PingStatus: ssm));
        world.StandIn.AddNode(new AwsNode(AccountB, "us-east-1", "mi-0aaaaaaaaaaaaaaa2", "rack-0002", PingStatus: ssm));

        var nodes = await world.Lister().ListAsync(AccountA, "eu-west-1", CancellationToken.None);
        var hybrid = await world.Lister().ListAsync(AccountB, "us-east-1", CancellationToken.None);

        Assert.That(nodes.Concat(hybrid).Select(n => (n.Id, n.PingStatus)),
            Is.EqualTo(new[] { ("i-0aaaaaaaaaaaaaaa1", expected), ("mi-0aaaaaaaaaaaaaaa2", expected) }));
    }

    [Test]
    public async Task A_node_without_a_Name_tag_value_is_named_by_its_id()
    {
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", "i-0aaaaaaaaaaaaaaa1", ""));

        var node = (await world.Lister().ListAsync(AccountA, "eu-west-1", CancellationToken.None)).Single();

        Assert.That(node.Name, Is.EqualTo("i-0aaaaaaaaaaaaaaa1"));
    }
}
