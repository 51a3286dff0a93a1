using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>Which node a person means: one found, none, several sharing a name, or one Systems Manager cannot reach.</summary>
public sealed class NodeLookupTests
{
    [Test]
    public async Task A_name_several_nodes_share_is_refused_naming_each_with_its_id_and_nothing_is_stored()
    {
        var world = new WorkflowWorld();
        world.Inventory.Add("i-0aaaaaaaaaaaaaaa1", "api", ("Env", "prod"));
        world.Inventory.Add("i-0aaaaaaaaaaaaaaa2", "API", ("Env", "prod"));

        var result = (await world.Workflow.SubmitAsync(WorkflowWorld.User(WorkflowWorld.Requester), ["api"], "deploy", null, null)).Single();

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo(
            "'api' names 2 nodes: api (i-0aaaaaaaaaaaaaaa1), API (i-0aaaaaaaaaaaaaaa2); name one by its id, e.g. access i-0aaaaaaaaaaaaaaa1 <reason>."));
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [Test]
    public async Task The_id_of_one_of_several_nodes_sharing_a_name_is_not_ambiguous()
    {
        var world = new WorkflowWorld();
        world.Inventory.Add("i-0aaaaaaaaaaaaaaa1", "api", ("Env", "prod"));
        world.Inventory.Add("i-0aaaaaaaaaaaaaaa2", "api", ("Env", "prod"));

        var result = (await world.Workflow.SubmitAsync(WorkflowWorld.User(WorkflowWorld.Requester), ["i-0aaaaaaaaaaaaaaa2"], "deploy", null, null)).Single();

        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That(result.Request!.NodeId, Is.EqualTo("i-0aaaaaaaaaaaaaaa2"));
    }

    [TestCase(NodePingStatus.ConnectionLost, "not connected (connection lost)")]
    [TestCase(NodePingStatus.Inactive, "inactive")]
    public async Task A_node_that_is_not_online_is_refused_with_the_reason_while_the_others_go_ahead(NodePingStatus status, string words)
    {
        var world = new WorkflowWorld();
        world.Inventory.Add("i-0bbbbbbbbbbbbbbb1", "batch-1", status, ("Env", "prod"));

        var results = await world.Workflow.SubmitAsync(WorkflowWorld.User(WorkflowWorld.Requester), ["batch-1", "web-1"], "deploy", null, null);

        Assert.That(results[0].Ok, Is.False);
        Assert.That(results[0].Message, Is.EqualTo(
            $"batch-1 (i-0bbbbbbbbbbbbbbb1) is {words}, so Systems Manager cannot reach it and access would not work; ask again once it is online."));
        Assert.That(results[1].Ok, Is.True, results[1].Message);
        Assert.That(world.Store.Commits.Select(c => c.Request.NodeId), Is.EqualTo(new[] { world.Node.Id }));
    }

    [Test]
    public async Task An_unknown_node_is_refused_with_how_to_name_one()
    {
        var world = new WorkflowWorld();

        var result = (await world.Workflow.SubmitAsync(WorkflowWorld.User(WorkflowWorld.Requester), ["web-9"], "deploy", null, null)).Single();

        Assert.That(result.Message, Is.EqualTo("there is no node 'web-9'; name a node by its id (i-…, mi-…) or its Name tag."));
    }

    [Test]
    public async Task Access_policies_for_an_ambiguous_name_says_so()
    {
        var world = new WorkflowWorld();
        world.Inventory.Add("i-0aaaaaaaaaaaaaaa1", "api");
        world.Inventory.Add("i-0aaaaaaaaaaaaaaa2", "api");
        var handler = new AccessCommandHandler(world.Workflow, world.Directory, world.Inventory, world.Policy);

        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester), "access policies api");

        Assert.That(reply.IsError, Is.True);
        Assert.That(reply.Card.Title, Does.StartWith("Sorry: 'api' names 2 nodes"));
    }

    [Test]
    public async Task Access_policies_without_a_node_lists_one_page_and_says_when_there_are_more()
    {
        var world = new WorkflowWorld();
        for (var i = 0; i < 25; i++)
        {
            world.Inventory.Add($"i-0c{i:D15}", $"node-{i}");
        }

        var handler = new AccessCommandHandler(world.Workflow, world.Directory, world.Inventory, world.Policy);

        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester), "access policies");

        Assert.That(reply.Card.Fields, Has.Count.EqualTo(20));
        Assert.That(reply.Card.Footer, Is.EqualTo("The first 20 nodes; name one for its answer: access policies <node>"));
    }
}
