using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;

namespace ChatOpsJit.Core.Policies;

/// <summary>The one place access decisions come from; the workflow and the CLI ask only this.</summary>
public interface IAccessPolicy
{
    /// <summary>False until a valid policy set has been loaded.</summary>
    bool IsLoaded { get; }

    PolicyDecision Decide(DirectoryUser principal, Node node);
}
