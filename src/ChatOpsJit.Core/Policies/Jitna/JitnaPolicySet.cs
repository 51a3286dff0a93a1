using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies.Cedar;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>
/// A validated set of JITNA policies, evaluated in JITNA's order: deny-access statements, then auto-approval
/// statements, then manual policies. The Cedar statements are one compiled set, so a decision is one evaluation.
/// </summary>
public sealed class JitnaPolicySet
{
    private readonly CedarAuthorizer? _cedar;

    public JitnaPolicySet(
        IReadOnlyList<ManualPolicy> manualPolicies,
        IReadOnlyList<PolicyProblem> warnings,
        CedarPolicySet? denyAccess = null,
        CedarPolicySet? autoApproval = null,
        TimeSpan? autoApprovalDuration = null)
    {
        ManualPolicies = manualPolicies;
        Warnings = warnings;
        DenyAccess = denyAccess;
        AutoApproval = autoApproval;
        AutoApprovalDuration = autoApprovalDuration ?? TimeSpan.FromHours(1);
        var statements = new[] { denyAccess, autoApproval }.OfType<CedarPolicySet>().ToArray();
        if (statements.Length > 0)
        {
            _cedar = new CedarAuthorizer(CedarPolicySet.Combine(statements));
        }
    }

    public static JitnaPolicySet Empty { get; } = new([], []);

    public IReadOnlyList<ManualPolicy> ManualPolicies { get; }

    public CedarPolicySet? DenyAccess { get; }

    public CedarPolicySet? AutoApproval { get; }

    public TimeSpan AutoApprovalDuration { get; }

    /// <summary>Things that load but deserve a look (e.g. the legacy action spelling).</summary>
    public IReadOnlyList<PolicyProblem> Warnings { get; }

    public int StatementCount => (DenyAccess?.Policies.Count ?? 0) + (AutoApproval?.Policies.Count ?? 0);

    public PolicyDecision Decide(DirectoryUser principal, Node node)
    {
        string? denied = null;
        var skipped = "";
        if (_cedar is not null)
        {
            var (request, entities) = JitnaEntities.Build(principal, node);
            var response = _cedar.IsAuthorized(request, entities);
            skipped = response.Errors.Count == 0
                ? ""
                : " " + string.Join(" ", response.Errors.Select(e => $"Statement {Name(e.PolicyId)} was skipped because it raised an error at line {e.Line}, column {e.Column}: {e.Message}."));
            if (response.Decision == CedarDecision.Allow)
            {
                return new PolicyDecision.AutoApproved(response.DeterminingPolicies, AutoApprovalDuration,
                    $"Auto-approval statement {Names(response.DeterminingPolicies)} matched and no deny-access statement forbids it, " +
                    $"so access is granted at once for {DurationText.Format(AutoApprovalDuration)}." + skipped);
            }

            // A deny that decides names the forbid statements that matched.
            denied = response.DeterminingPolicies.Count > 0 ? Names(response.DeterminingPolicies) : null;
        }

        var noAutoApproval = denied is null && AutoApproval is { Policies.Count: > 0 };
        var manual = ManualPolicySelection.Select(ManualPolicies, node, StatementCount > 0);
        if (manual is PolicyDecision.Denied && (denied is not null || noAutoApproval))
        {
            // Said as one sentence, so a reader never sees "no auto-approval statement matched" after a deny that overrode one.
            var none = $"no manual policy applies to {node.Display} ({ManualPolicySelection.NoneApplies})";
            return new PolicyDecision.Denied((denied is not null
                ? $"Deny-access statement {denied} matched, so this request cannot be approved automatically, and {none}, so nobody can approve it either: it is denied."
                : $"No auto-approval statement matched, and {none}, so the request is denied.") + skipped);
        }

        var preface = (denied is not null ? $"Deny-access statement {denied} matched, so this request cannot be approved automatically."
            : noAutoApproval ? "No auto-approval statement matched." : "") + skipped;
        if (preface.Length == 0)
        {
            return manual;
        }

        return manual switch
        {
            PolicyDecision.NeedsApproval n => n with { Explanation = $"{preface} {n.Explanation}" },
            PolicyDecision.Failed f => f with { Explanation = $"{preface} {f.Explanation}" },
            _ => new PolicyDecision.Denied($"{preface.TrimStart()} {manual.Explanation}"),
        };
    }

    private string Names(IEnumerable<string> ids) => Text.Listing.And(ids.Select(Name));

    // A statement named by id, file and line, so a person can find it.
    private string Name(string id)
    {
        var policy = DenyAccess?.Policies.FirstOrDefault(p => p.Id == id) ?? AutoApproval?.Policies.FirstOrDefault(p => p.Id == id);
        var file = DenyAccess?.Policies.Contains(policy!) == true ? JitnaCedarFile.DenyFile : JitnaCedarFile.AutoApprovalFile;
        return policy is null ? $"'{id}'" : $"'{id}' ({file} line {policy.Line})";
    }
}
