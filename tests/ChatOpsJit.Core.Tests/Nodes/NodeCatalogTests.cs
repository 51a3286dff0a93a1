using ChatOpsJit.Core.Nodes;

namespace ChatOpsJit.Core.Tests.Nodes;

/// <summary>The catalog's lookups by id and Name, which search sorted arrays instead of dictionaries.</summary>
public sealed class NodeCatalogTests
{
    private static Node Make(string id, string name, string account = "111111111111") =>
        new(id, name, account, "eu-west-1", "Linux", new Dictionary<string, string>());

    [Test]
    public void The_first_of_a_repeated_id_wins()
    {
        var catalog = new NodeCatalog([Make("i-0b", "second"), Make("i-0a", "first", "222222222222"), Make("i-0a", "later")]);

        Assert.That(catalog.Count, Is.EqualTo(2));
        var found = (NodeLookup.Found)catalog.Find("i-0a");
        Assert.That((found.Node.Name, found.Node.Account), Is.EqualTo(("first", "222222222222")));
        Assert.That(catalog.Find("later"), Is.TypeOf<NodeLookup.NotFound>(), "the dropped duplicate's Name must not be findable");
    }

    [Test]
    public void An_exact_id_wins_over_a_Name_that_spells_it()
    {
        var catalog = new NodeCatalog([Make("i-0a", "i-0b"), Make("i-0b", "db")]);

        Assert.That(((NodeLookup.Found)catalog.Find("i-0b")).Node.Name, Is.EqualTo("db"));
    }

    [Test]
    public void Nodes_sharing_a_Name_in_any_case_are_ambiguous_in_id_order()
    {
        var catalog = new NodeCatalog([Make("i-0c", "WEB"), Make("i-0a", "web"), Make("i-0d", "web-2"), Make("i-0b", "Web")]);

        var ambiguous = (NodeLookup.Ambiguous)catalog.Find("wEb");
        Assert.That(ambiguous.Candidates.Select(n => n.Id), Is.EqualTo(new[] { "i-0a", "i-0b", "i-0c" }));
    }

    [Test]
    public void An_empty_text_finds_no_node_even_when_nodes_have_no_Name()
    {
        var catalog = new NodeCatalog([Make("i-0a", ""), Make("i-0b", "")]);

        Assert.That(catalog.Find(""), Is.TypeOf<NodeLookup.NotFound>());
    }

    [Test]
    public void Every_node_of_a_large_catalog_is_found_by_id_and_by_Name_and_no_other_text_is()
    {
        // Random ids and names against a dictionary's answers: the halving search must agree at every position, edges included.
        var random = new Random(20261202);
        var nodes = Enumerable.Range(0, 5_000)
            .Select(_ => Make($"i-{random.NextInt64():x16}", random.Next(4) == 0 ? "" : $"Host-{random.Next(3_000)}"))
            .ToList();
        var catalog = new NodeCatalog(nodes);
        var byName = nodes.Where(n => n.Name.Length > 0).GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(n => n.Id).Order(StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase);

        foreach (var node in nodes)
        {
            Assert.That(((NodeLookup.Found)catalog.Find(node.Id)).Node, Is.SameAs(node));
        }

        foreach (var (name, ids) in byName)
        {
            var found = catalog.Find(name.ToLowerInvariant());
            var foundIds = found is NodeLookup.Ambiguous a ? a.Candidates.Select(n => n.Id).ToArray() : [((NodeLookup.Found)found).Node.Id];
            Assert.That(foundIds, Is.EqualTo(ids), name);
        }

        foreach (var text in new[] { "i-", "i-0000000000000000", "i-ffffffffffffffff", "host-", "Host-3000", "zzz", "a" })
        {
            Assert.That(catalog.Find(text), Is.TypeOf<NodeLookup.NotFound>(), text);
        }
    }

    [Test]
    public void A_page_after_an_id_no_longer_listed_starts_at_the_next_id()
    {
        var catalog = new NodeCatalog([Make("i-0a", "a"), Make("i-0c", "c"), Make("i-0e", "e")]);

        var page = catalog.List(1, after: "i-0b");
        Assert.That((page.Nodes.Single().Id, page.Next), Is.EqualTo(("i-0c", "i-0c")));
        Assert.That(catalog.List(5, after: "i-0e").Nodes, Is.Empty);
    }
}
