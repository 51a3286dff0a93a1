using ChatOpsJit.Aws.Inventory;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.AwsAdapterWorld;

namespace ChatOpsJit.Aws.Tests.Inventory;

/// <summary>Lookups against the listed inventory: by id, by Name, ambiguity, and when a lookup lists again.</summary>
public sealed class SsmInventoryTests
{
    private const string Web = "i-0aaaaaaaaaaaaaaa1";
    private const string DbEu = "i-0bbbbbbbbbbbbbbb2";
    private const string DbUs = "mi-0ccccccccccccccc3";
    private AwsAdapterWorld world = null!;

    [SetUp]
    public async Task Start()
    {
        world = await AwsAdapterWorld.StartAsync();
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", Web, "Web-Frontend-01"));
        // One Name in two accounts and Regions.
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", DbEu, "db-primary"));
        world.StandIn.AddNode(new AwsNode(AccountB, "us-east-1", DbUs, "db-primary"));
    }

    [TearDown]
    public async Task Stop() => await world.DisposeAsync();

    private int Listings => world.StandIn.CallsOf("DescribeInstanceInformation").Count;

    [Test]
    public async Task FindAsync_finds_a_node_by_its_id()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();

        var found = await inventory.FindAsync(DbUs);

        Assert.That(found, Is.TypeOf<NodeLookup.Found>());
        var node = ((NodeLookup.Found)found).Node;
        Assert.That((node.Id, node.Name, node.Account, node.Region), Is.EqualTo((DbUs, "db-primary", AccountB, "us-east-1")));
    }

    [Test]
    public async Task FindAsync_finds_a_node_by_its_unique_Name_whatever_the_case()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();

        var found = await inventory.FindAsync("web-frontend-01");

        Assert.That(found, Is.TypeOf<NodeLookup.Found>());
        Assert.That(((NodeLookup.Found)found).Node.Id, Is.EqualTo(Web));
    }

    [Test]
    public async Task A_Name_shared_across_accounts_and_Regions_is_ambiguous_with_both_candidates()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();

        var found = await inventory.FindAsync("DB-PRIMARY");

        Assert.That(found, Is.TypeOf<NodeLookup.Ambiguous>());
        Assert.That(((NodeLookup.Ambiguous)found).Candidates.Select(n => (n.Id, n.Account, n.Region)),
            Is.EquivalentTo(new[] { (DbEu, AccountA, "eu-west-1"), (DbUs, AccountB, "us-east-1") }));
    }

    [Test]
    public async Task An_unknown_name_is_not_found()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();

        var found = await inventory.FindAsync("no-such-node");

        Assert.That(found, Is.EqualTo(new NodeLookup.NotFound("no-such-node")));
    }

    [Test]
    public async Task A_lookup_before_the_first_listing_waits_for_it_instead_of_answering_not_found()
    {
        var inventory = world.Inventory();
        // The first listing (as the background refresher starts it) is still under way: one part's first answer is throttled.
        world.StandIn.FailNext("DescribeInstanceInformation", 1, AwsFault.Throttling);
        var first = inventory.RefreshAsync();
        Assert.That(inventory.LoadedAt, Is.Null);

        var found = await inventory.FindAsync("web-frontend-01");

        Assert.That(found, Is.TypeOf<NodeLookup.Found>());
        Assert.That(first.IsCompleted && inventory.LoadedAt is not null);
        Assert.That(Listings, Is.EqualTo(6), "one listing of the 6 account/Region pairs, none more");
    }

    [Test]
    public async Task A_search_and_a_page_before_the_first_listing_wait_for_it()
    {
        var inventory = world.Inventory();

        var searched = await inventory.SearchAsync("db-primary", 10);
        var page = await inventory.ListAsync(10);

        Assert.That(searched.Select(n => n.Id), Is.EquivalentTo(new[] { DbEu, DbUs }));
        Assert.That(page.Nodes.Select(n => n.Id), Is.EquivalentTo(new[] { Web, DbEu, DbUs }));
        Assert.That(Listings, Is.EqualTo(6));
    }

    [Test]
    public async Task A_miss_within_the_miss_refresh_interval_lists_nothing()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();
        var late = new AwsNode(AccountB, "ap-southeast-2", "i-0ddddddddddddddd4", "launched-just-now");
        world.StandIn.AddNode(late);

        world.Time.Advance(SsmInventory.MissRefreshInterval - TimeSpan.FromSeconds(1));
        var found = await inventory.FindAsync(late.Name);

        Assert.That(found, Is.TypeOf<NodeLookup.NotFound>());
        Assert.That(Listings, Is.EqualTo(6), "only the first listing");
    }

    [Test]
    public async Task A_node_added_after_the_first_listing_is_found_by_a_miss_once_the_miss_refresh_interval_passed()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();
        var late = new AwsNode(AccountB, "ap-southeast-2", "i-0ddddddddddddddd4", "launched-just-now");
        world.StandIn.AddNode(late);

        world.Time.Advance(SsmInventory.MissRefreshInterval);
        var found = await inventory.FindAsync(late.Name);

        Assert.That(found, Is.TypeOf<NodeLookup.Found>());
        Assert.That(((NodeLookup.Found)found).Node.Id, Is.EqualTo(late.Id));
        Assert.That(Listings, Is.EqualTo(12), "the first listing and the one the miss started");

        // The miss just listed, so the next miss within the interval lists nothing.
        Assert.That(await inventory.FindAsync("still-unknown"), Is.TypeOf<NodeLookup.NotFound>());
        Assert.That(Listings, Is.EqualTo(12));
    }

    [Test]
    public async Task A_found_node_never_lists_again_however_old_the_listing()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();

        world.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.That(await inventory.FindAsync(Web), Is.TypeOf<NodeLookup.Found>());

        Assert.That(Listings, Is.EqualTo(6));
    }

    [Test]
    public async Task A_listing_that_fails_keeps_the_previous_nodes_and_says_so_in_the_log()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();
        var loadedAt = inventory.LoadedAt;
        world.StandIn.FailAlways("DescribeInstanceInformation", AwsFault.AccessDenied);

        world.Time.Advance(TimeSpan.FromMinutes(5));
        await inventory.RefreshAsync();

        Assert.That(inventory.Count, Is.EqualTo(3));
        Assert.That(await inventory.FindAsync(Web), Is.TypeOf<NodeLookup.Found>());
        Assert.That(inventory.LoadedAt, Is.EqualTo(loadedAt), "nothing was listed anew");
        var refused = world.StandIn.Calls.Where(c => c.Operation == "DescribeInstanceInformation" && c.Refused).ToList();
        Assert.That(refused.Select(c => c.ErrorCode).ToList(), Has.Count.EqualTo(6).And.All.EqualTo("AccessDeniedException"), "AccessDenied is not retried");
        Assert.That(world.Logs.Lines.Count(l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("keeping the last listing", StringComparison.Ordinal)), Is.EqualTo(6));
    }

    [Test]
    public async Task A_Region_that_fails_keeps_its_nodes_while_the_others_are_listed_anew()
    {
        var inventory = world.Inventory();
        await inventory.RefreshAsync();
        world.StandIn.AddNode(new AwsNode(AccountA, "eu-west-1", "i-0eeeeeeeeeeeeeee5", "web-frontend-02"));
        world.StandIn.AddNode(new AwsNode(AccountB, "us-east-1", "i-0fffffffffffffff6", "cache-01"));
        // Hybrid nodes' tags are refused, which fails the one part with a hybrid node (B in us-east-1) and no other.
        world.StandIn.FailAlways("ListTagsForResource", AwsFault.AccessDenied);

        await inventory.RefreshAsync();

        Assert.That(await inventory.FindAsync("web-frontend-02"), Is.TypeOf<NodeLookup.Found>(), "eu-west-1 of A was listed anew");
        Assert.That(await inventory.FindAsync(DbUs), Is.TypeOf<NodeLookup.Found>(), "us-east-1 of B (a hybrid node's tags failed) kept its nodes");
        Assert.That(await inventory.FindAsync("cache-01"), Is.TypeOf<NodeLookup.NotFound>(), "… and so does not know its new one yet");
    }
}
