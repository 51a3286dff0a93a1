using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>Answers every question with the decision a test sets.</summary>
public sealed class StubAccessPolicy(PolicyDecision decision) : IAccessPolicy
{
    public PolicyDecision Decision { get; set; } = decision;

    public bool IsLoaded { get; set; } = true;

    public PolicyDecision Decide(DirectoryUser principal, Node node) => Decision;
}
