using System.Text;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>Reads <c>deny.cedar</c> or <c>auto-approval.cedar</c>: parse, accept the legacy action spelling with a warning, validate.</summary>
public static class JitnaCedarFile
{
    public const string DenyFile = "deny.cedar";
    public const string AutoApprovalFile = "auto-approval.cedar";

    public static CedarPolicySet? Load(string text, string file, CedarEffect effect, List<PolicyProblem> problems)
    {
        var rewritten = RewriteLegacyAction(text, file, problems);
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

    // The legacy spelling is not a Cedar entity literal, so it is rewritten before parsing. Tokens, not text, are searched,
    // so the same words inside a string or a comment stay as they are.
    private static string RewriteLegacyAction(string text, string file, List<PolicyProblem> problems)
    {
        var tokens = Lexer.Tokenize(text);
        var result = new StringBuilder(text.Length);
        var copied = 0;
        for (var i = 0; i + 4 < tokens.Count; i++)
        {
            if (!IsLegacyAction(tokens, i))
            {
                continue;
            }

            problems.Add(new PolicyProblem(file, tokens[i].Line, tokens[i].Column,
                $"'{JitnaSchema.LegacyActionSpelling}' is read as AWS::SSM::Action::\"getTokenForInstanceAccess\"; write it that way", IsWarning: true));
            result.Append(text, copied, tokens[i].Start - copied).Append("AWS::SSM::Action::\"getTokenForInstanceAccess\"");
            copied = tokens[i + 4].End;
            i += 4;
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    // AWS :: SSM :: getTokenForInstanceAccess, not followed by '::' (which would make it a longer path).
    private static bool IsLegacyAction(List<Token> t, int i) =>
        t[i].IsIdent("AWS") && t[i + 1].Kind == TokenKind.ColonColon && t[i + 2].IsIdent("SSM") &&
        t[i + 3].Kind == TokenKind.ColonColon && t[i + 4].IsIdent(JitnaSchema.ActionId) &&
        (i + 5 >= t.Count || t[i + 5].Kind != TokenKind.ColonColon);
}
