namespace ChatOpsJit.Core.Policies;

/// <summary>A problem in a policy file, located so a person can fix it.</summary>
public sealed record PolicyProblem(string File, int Line, int Column, string Message, bool IsWarning = false)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {(IsWarning ? "warning: " : "")}{Message}";
}

/// <summary>Thrown when a policy folder is invalid; carries every problem found, not just the first.</summary>
public sealed class PolicyLoadException(IReadOnlyList<PolicyProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<PolicyProblem> Problems { get; } = problems;
}
