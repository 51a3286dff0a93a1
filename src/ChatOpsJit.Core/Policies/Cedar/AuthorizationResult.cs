namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>A reusable, caller-owned authorization result; reusing it across calls makes <see cref="CedarAuthorizer.Authorize"/> allocation-free.</summary>
public sealed class AuthorizationResult
{
    private readonly List<CedarPolicy> _forbids = new();
    private readonly List<CedarPolicy> _permits = new();
    private readonly List<CedarEvaluationError> _errors = new();

    internal readonly EvalContext Context = new();
    internal int[] Candidates = Array.Empty<int>();
    internal int[] Stamps = Array.Empty<int>();
    internal int Generation;

    /// <summary>The decision of the last call.</summary>
    public CedarDecision Decision { get; internal set; } = CedarDecision.Deny;

    /// <summary>Satisfied forbids when denied by a forbid, else satisfied permits (in policy order).</summary>
    public IReadOnlyList<CedarPolicy> Determining => _forbids.Count > 0 ? _forbids : _permits;

    /// <summary>Policies whose evaluation errored, each with the message and where in the policy the error was raised.</summary>
    public IReadOnlyList<CedarEvaluationError> Errors => _errors;

    /// <summary>Resets to an empty deny (buffers are kept).</summary>
    public void Clear()
    {
        _forbids.Clear();
        _permits.Clear();
        _errors.Clear();
        Decision = CedarDecision.Deny;
    }

    internal void EnsureCapacity(int policyCount)
    {
        if (Candidates.Length >= policyCount) return;
        Candidates = new int[policyCount];
        Stamps = new int[policyCount];
        Generation = 0;
    }

    internal int NextGeneration()
    {
        if (++Generation == int.MaxValue)
        {
            Array.Clear(Stamps);
            Generation = 1;
        }
        return Generation;
    }

    internal void AddSatisfied(CedarPolicy policy, bool forbid) => (forbid ? _forbids : _permits).Add(policy);

    internal void AddError(CedarPolicy policy, string message, SourceSpan span) => _errors.Add(new CedarEvaluationError(policy, message, span));

    internal CedarDecision Finish()
    {
        Decision = _forbids.Count == 0 && _permits.Count > 0 ? CedarDecision.Allow : CedarDecision.Deny;
        return Decision;
    }
}
