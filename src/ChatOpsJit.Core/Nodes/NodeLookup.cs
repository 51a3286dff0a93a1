namespace ChatOpsJit.Core.Nodes;

/// <summary>What looking a node up by id or name found.</summary>
public abstract record NodeLookup(string Query)
{
    /// <summary>Exactly one node.</summary>
    public sealed record Found(string Query, Node Node) : NodeLookup(Query);

    /// <summary>No node has that id or name.</summary>
    public sealed record NotFound(string Query) : NodeLookup(Query);

    /// <summary>Several nodes share the name; the person must pick one by id.</summary>
    public sealed record Ambiguous(string Query, IReadOnlyList<Node> Candidates) : NodeLookup(Query);
}

/// <summary>One page of an inventory listing.</summary>
/// <param name="Next">Where the next page starts; null on the last page.</param>
public sealed record NodePage(IReadOnlyList<Node> Nodes, string? Next);
