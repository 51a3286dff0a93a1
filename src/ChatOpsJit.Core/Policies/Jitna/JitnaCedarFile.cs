using System.Text.RegularExpressions;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>Reads <c>deny.cedar</c> or <c>auto-approval.cedar</c>: parse, accept the legacy action spelling with a warning, validate.</summary>
public static partial class JitnaCedarFile
{
    public const string DenyFile = "deny.cedar";
    public const string AutoApprovalFile = "auto-approval.cedar";

    // The legacy spelling is not a Cedar entity literal, so it is rewritten before parsing (only outside strings and comments would
    // be exact; the pattern requires the name not to be followed by '::' or '"', which a string or comment never needs).
    [GeneratedRegex(@"AWS::SSM::getTokenForInstanceAccess(?![A-Za-z0-9_:""])", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyAction();

    public static CedarPolicySet? Load(string text, string file, CedarEffect effect, List<PolicyProblem> problems)
    {
        foreach (Match match in LegacyAction().Matches(text))
        {
            var (line, column) = Position(text, match.Index);
            problems.Add(new PolicyProblem(file, line, column,
                "'AWS::SSM::getTokenForInstanceAccess' is read as AWS::SSM::Action::\"getTokenForInstanceAccess\"; write it that way", IsWarning: true));
        }

        var rewritten = LegacyAction().Replace(text, "AWS::SSM::Action::\"getTokenForInstanceAccess\"");
        var prefix = Path.GetFileNameWithoutExtension(file) + "#";
        if (!CedarPolicySet.TryParse(rewritten, file, new CedarParseOptions { UseIdAnnotations = true, IdPrefix = prefix }, out var set, out var diagnostics))
        {
            problems.AddRange(diagnostics.Select(d => new PolicyProblem(d.File, d.Line, d.Column, d.Help is null ? d.Message : $"{d.Message} ({d.Help})")));
            return null;
        }

        var before = problems.Count;
        problems.AddRange(JitnaCedarValidation.Check(set!, file, effect));
        return problems.Skip(before).Any(p => !p.IsWarning) ? null : set;
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1 + text.AsSpan(0, index).Count('\n');
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (line, index - lineStart + 1);
    }
}
