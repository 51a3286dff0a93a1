using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Host.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsJit.Host.Tests.Sandbox;

public sealed class SandboxInventoryTests
{
    private const string Nodes = """
        nodes:
          - id: i-0abc1234567890def
            name: web-1
            account: "111122223333"
            region: eu-west-1
            platform: Amazon Linux 2023
            tags: { Name: web-1, Environment: production }
          - id: mi-0123456789abcdef0
            region: eu-west-1
            tags: { Name: onprem-build-1 }
            pingStatus: ConnectionLost
          - id: i-0nonamenoname0001
        """;

    private TempFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TempFolder();

    [TearDown]
    public void Delete() => folder.Dispose();

    private SandboxInventory Inventory(string yaml) => new(folder.Write("nodes.yaml", yaml), NullLogger<SandboxInventory>.Instance);

    /// <summary>The node a lookup found, or null when it found none or several.</summary>
    private static async Task<Node?> Find(SandboxInventory inventory, string idOrName) =>
        await inventory.FindAsync(idOrName) is NodeLookup.Found found ? found.Node : null;

    [Test]
    public async Task Finds_a_node_by_id()
    {
        var node = await Find(Inventory(Nodes), "i-0abc1234567890def");

        Assert.That(node, Is.Not.Null);
        Assert.That(node!.Name, Is.EqualTo("web-1"));
        Assert.That(node.Account, Is.EqualTo("111122223333"));
        Assert.That(node.Region, Is.EqualTo("eu-west-1"));
        Assert.That(node.Platform, Is.EqualTo("Amazon Linux 2023"));
        Assert.That(node.Tags["Environment"], Is.EqualTo("production"));
        Assert.That(node.PingStatus, Is.EqualTo(NodePingStatus.Online));
    }

    [Test]
    public async Task Finds_a_hybrid_node_by_its_Name_tag_when_it_has_no_name()
    {
        var node = await Find(Inventory(Nodes), "onprem-build-1");

        Assert.That(node?.Id, Is.EqualTo("mi-0123456789abcdef0"));
        Assert.That(node!.PingStatus, Is.EqualTo(NodePingStatus.ConnectionLost));
    }

    [TestCase("web-1")]
    [TestCase("WEB-1")]
    public async Task Finds_a_node_by_name_case_insensitively(string name)
    {
        Assert.That((await Find(Inventory(Nodes), name))?.Id, Is.EqualTo("i-0abc1234567890def"));
    }

    [Test]
    public async Task A_node_with_neither_name_nor_Name_tag_is_named_by_its_id()
    {
        var node = await Find(Inventory(Nodes), "i-0nonamenoname0001");

        Assert.That(node!.Name, Is.EqualTo("i-0nonamenoname0001"));
    }

    [Test]
    public async Task An_unknown_node_is_not_found()
    {
        Assert.That(await Inventory(Nodes).FindAsync("web-9"), Is.EqualTo(new NodeLookup.NotFound("web-9")));
        Assert.That(await Inventory(Nodes).FindAsync("i-ffffffffffffffff"), Is.InstanceOf<NodeLookup.NotFound>());
    }

    [Test]
    public async Task Lists_the_nodes_by_id_one_page_at_a_time()
    {
        var inventory = Inventory(Nodes);

        var first = await inventory.ListAsync(2);
        var second = await inventory.ListAsync(2, first.Next);

        Assert.That(first.Nodes.Select(n => n.Id), Is.EqualTo(new[] { "i-0abc1234567890def", "i-0nonamenoname0001" }));
        Assert.That(first.Next, Is.EqualTo("i-0nonamenoname0001"));
        Assert.That(second.Nodes.Select(n => n.Id), Is.EqualTo(new[] { "mi-0123456789abcdef0" }));
        Assert.That(second.Next, Is.Null, "the last page says so");
    }

    [Test]
    public async Task A_name_two_nodes_share_is_ambiguous_and_names_both()
    {
        var inventory = Inventory("""
            nodes:
              - id: i-0000000000000000a
                name: web
              - id: i-0000000000000000b
                tags: { Name: WEB }
              - id: i-0000000000000000c
                name: db
            """);

        var lookup = await inventory.FindAsync("web");

        Assert.That(lookup, Is.InstanceOf<NodeLookup.Ambiguous>());
        Assert.That(((NodeLookup.Ambiguous)lookup).Candidates.Select(n => n.Id), Is.EqualTo(new[] { "i-0000000000000000a", "i-0000000000000000b" }));
        Assert.That(await Find(inventory, "i-0000000000000000b"), Is.Not.Null, "an id is never ambiguous");
    }

    [Test]
    public async Task Search_finds_nodes_whose_id_or_name_contains_the_text_up_to_the_limit()
    {
        var inventory = Inventory(Nodes);

        var byName = await inventory.SearchAsync("BUILD", 10);
        var byId = await inventory.SearchAsync("i-0", 10);
        var limited = await inventory.SearchAsync("-", 1);

        Assert.That(byName.Select(n => n.Id), Is.EqualTo(new[] { "mi-0123456789abcdef0" }));
        Assert.That(byId, Has.Count.EqualTo(3));
        Assert.That(limited, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_unknown_ping_status_is_an_error_naming_the_node_and_the_valid_values()
    {
        var inventory = Inventory("nodes:\n  - id: i-1\n    pingStatus: Sleeping\n");

        var error = Assert.ThrowsAsync<FormatException>(async () => await inventory.FindAsync("i-1"));
        Assert.That(error!.Message, Is.EqualTo("node i-1 has pingStatus 'Sleeping'; use one of Online, ConnectionLost, Inactive"));
    }

    [Test]
    public void A_node_listed_twice_is_an_error_naming_it()
    {
        var inventory = Inventory("""
            nodes:
              - id: i-0abc1234567890def
              - id: i-0abc1234567890def
            """);

        var error = Assert.ThrowsAsync<FormatException>(async () => await Find(inventory, "web-1"));
        Assert.That(error!.Message, Is.EqualTo("node i-0abc1234567890def is listed twice"));
    }

    [TestCase("web-1")]
    [TestCase("I-0abc")]
    [TestCase("")]
    public void A_node_id_not_starting_with_i_or_mi_is_an_error_naming_it(string id)
    {
        var inventory = Inventory($"""
            nodes:
              - id: "{id}"
            """);

        var error = Assert.ThrowsAsync<FormatException>(async () => await Find(inventory, "web-1"));
        Assert.That(error!.Message, Is.EqualTo($"node id '{id}' must start with i- or mi-"));
    }

    [Test]
    public async Task A_node_removed_from_the_file_is_gone_at_the_next_lookup()
    {
        var inventory = Inventory(Nodes);
        Assert.That(await Find(inventory, "web-1"), Is.Not.Null);

        folder.Write("nodes.yaml", """
            nodes:
              - id: mi-0123456789abcdef0
                tags: { Name: onprem-build-1 }
            """);

        Assert.That(await Find(inventory, "web-1"), Is.Null);
        Assert.That(await Find(inventory, "onprem-build-1"), Is.Not.Null);
    }

    [TestCase("nodes:\n  - id: web-1\n", TestName = "An edit with a bad node id keeps the last good inventory")]
    [TestCase("nodes:\n  - id: i-1\n  - id: i-1\n", TestName = "An edit listing a node twice keeps the last good inventory")]
    [TestCase("nodes: [\n", TestName = "An edit that is not YAML keeps the last good inventory")]
    [TestCase("nodes:\n  - id:\n    name: web-1\n", TestName = "An edit with an empty node id keeps the last good inventory")]
    [TestCase("nodes:\n  -\n", TestName = "An edit with an empty node entry keeps the last good inventory")]
    [TestCase("nodes:\n", TestName = "An edit with an empty nodes list keeps the last good inventory")]
    public async Task A_bad_edit_keeps_the_last_good_inventory(string badYaml)
    {
        var inventory = Inventory(Nodes);
        Assert.That(await Find(inventory, "web-1"), Is.Not.Null);

        folder.Write("nodes.yaml", badYaml);

        Assert.That((await Find(inventory, "web-1"))?.Id, Is.EqualTo("i-0abc1234567890def"));
        Assert.That((await inventory.ListAsync(10)).Nodes, Has.Count.EqualTo(3));
    }

    [Test]
    public void An_empty_node_id_at_first_load_is_a_clear_format_error()
    {
        var inventory = Inventory("nodes:\n  - id:\n");

        var error = Assert.ThrowsAsync<FormatException>(async () => await Find(inventory, "web-1"));
        Assert.That(error!.Message, Does.Contain("must start with i- or mi-"));
    }

    [Test]
    public async Task A_node_with_empty_tags_is_valid()
    {
        var inventory = Inventory("nodes:\n  - id: i-1\n    tags:\n");

        var node = await Find(inventory, "i-1");

        Assert.That(node!.Tags, Is.Empty);
        Assert.That(node.Name, Is.EqualTo("i-1"));
    }
}
