using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Audit;

/// <summary>Audit records carry a named kind and the typed payload of their event.</summary>
public sealed class AuditEventTests
{
    [Test]
    public void An_event_is_stored_as_its_own_fields_without_its_kind()
    {
        var data = new RequestSubmitted("i-1", "disk full", "production", TimeSpan.FromHours(2)).Data();

        Assert.That(data, Is.EqualTo("""{"node":"i-1","reason":"disk full","policy":"production","duration":"02:00:00"}"""));
    }

    [Test]
    public async Task The_whole_flow_records_the_named_kinds_in_order()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));
        await world.RunDueAsync();

        Assert.That(world.Store.Audit.Select(a => a.Kind), Is.EqualTo(new[]
        {
            AuditKinds.RequestSubmitted, AuditKinds.RequestApproved, AuditKinds.GrantIssued, AuditKinds.RequestRevoked, AuditKinds.GrantWithdrawn,
        }));
        Assert.That(world.Store.Audit[1].Data, Is.EqualTo("""{"level":1}"""));
    }
}
