using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Workflow;

/// <summary>What became of an action on a request, in one line for the person who took it.</summary>
public sealed record WorkflowResult(bool Ok, string Message, AccessRequest? Request = null)
{
    /// <summary>True when the action's change was written (also a deadline's change answered as a refusal).</summary>
    public bool Committed { get; init; }

    public static WorkflowResult Refused(string message, AccessRequest? request = null) => new(false, message, request);
}
