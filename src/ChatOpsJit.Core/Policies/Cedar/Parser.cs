namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Recursive-descent parser for Cedar policy text (policies and scopes; expressions in ParserExpr.cs).</summary>
internal sealed partial class Parser
{
    private readonly string _src;
    private readonly string _file;
    private readonly List<Token> _tokens;
    private readonly List<CedarDiagnostic> _errors = new();
    private int _p;

    private Parser(string src, string file)
    {
        _src = src;
        _file = file;
        _tokens = Lexer.Tokenize(src);
    }

    /// <summary>Thrown internally for syntax errors; caught per policy so later policies are still checked.</summary>
    private sealed class SyntaxError : Exception
    {
        public SyntaxError(CedarDiagnostic d) : base(d.Message) => Diagnostic = d;

        public CedarDiagnostic Diagnostic { get; }
    }

    public static List<CedarPolicy> Parse(string src, string file, out List<CedarDiagnostic> errors)
    {
        var parser = new Parser(src, file);
        var policies = parser.ParsePolicies();
        errors = parser._errors
            .Distinct()
            .OrderBy(d => d.Line).ThenBy(d => d.Column)
            .ToList();
        return policies;
    }

    private Token Cur => _tokens[_p];

    private Token Peek(int n = 1) => _tokens[Math.Min(_p + n, _tokens.Count - 1)];

    private Token Advance() => _tokens[_p < _tokens.Count - 1 ? _p++ : _p];

    private bool At(TokenKind k) => Cur.Kind == k;

    private bool AtIdent(string word) => Cur.IsIdent(word);

    private Token Expect(TokenKind k, string what)
    {
        if (Cur.Kind != k) throw Unexpected(what);
        return Advance();
    }

    private SyntaxError Unexpected(string expected)
    {
        var t = Cur;
        var msg = t.Kind == TokenKind.Invalid
            ? (t.Text.StartsWith('"') ? "unterminated string literal" : $"invalid token `{t.Text}`")
            : $"unexpected {t.Display}, expected {expected}";
        return new SyntaxError(new CedarDiagnostic(_file, t.Line, t.Column, msg));
    }

    private void Error(SourceSpan at, string message, string? help = null) =>
        _errors.Add(new CedarDiagnostic(_file, at.Line, at.Column, message, help));

    private SourceSpan SpanOf(Token t) => new(t.Start, t.End, t.Line, t.Column);

    // Compound expressions span from their first token (an operand's opening parenthesis included) to the last token consumed,
    // as the reference's do, so an evaluation error quotes balanced source.
    private SourceSpan SpanFrom(SourceSpan start) => new(start.Start, _tokens[Math.Max(_p - 1, 0)].End, start.Line, start.Column);

    private string TextOf(SourceSpan s) => _src.Substring(s.Start, Math.Max(0, s.End - s.Start));

    private List<CedarPolicy> ParsePolicies()
    {
        var policies = new List<CedarPolicy>();
        var index = 0;
        while (!At(TokenKind.Eof))
        {
            var before = _errors.Count;
            try
            {
                var policy = ParsePolicy(index);
                if (_errors.Count == before) policies.Add(policy);
            }
            catch (SyntaxError e)
            {
                _errors.Add(e.Diagnostic);
                // Same recovery as the reference grammar: resume after the next `;`.
                while (!At(TokenKind.Eof) && !At(TokenKind.Semi)) Advance();
                if (At(TokenKind.Semi)) Advance();
            }
            index++;
        }
        return policies;
    }

    private CedarPolicy ParsePolicy(int index)
    {
        var startTok = Cur;
        var start = SpanOf(startTok);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        while (At(TokenKind.At))
        {
            var at = SpanOf(Advance());
            var key = Expect(TokenKind.Ident, "identifier").Text;
            var value = "";
            if (At(TokenKind.LParen))
            {
                Advance();
                value = ReadString(Expect(TokenKind.String, "string literal"));
                Expect(TokenKind.RParen, "`)`");
            }
            if (!annotations.TryAdd(key, value)) Error(SpanFrom(at), $"duplicate annotation: @{key}");
        }

        var effectTok = Expect(TokenKind.Ident, "`permit` or `forbid`");
        var effect = CedarEffect.Permit;
        if (effectTok.Text == "forbid") effect = CedarEffect.Forbid;
        else if (effectTok.Text != "permit") Error(SpanOf(effectTok), $"invalid policy effect: {effectTok.Text}", "effect must be either `permit` or `forbid`");

        Expect(TokenKind.LParen, "`(`");
        var principal = CedarScope.AnyScope;
        var resource = CedarScope.AnyScope;
        var actionKind = CedarActionScopeKind.Any;
        IReadOnlyList<EntityUid> actionEntities = Array.Empty<EntityUid>();
        var slot = 0;
        string[] expectedVars = ["principal", "action", "resource"];
        while (!At(TokenKind.RParen))
        {
            var varTok = Expect(TokenKind.Ident, "identifier");
            var varSpan = SpanOf(varTok);
            if (slot >= 3) Error(varSpan, $"this policy has an extra element in the scope: {varTok.Text}", ScopeHelp);
            else if (varTok.Text != expectedVars[slot])
            {
                if (varTok.Text is "principal" or "action" or "resource" or "context")
                    Error(varSpan, $"found the variable `{varTok.Text}` where the variable `{expectedVars[slot]}` must be used", ScopeHelp);
                else Error(varSpan, $"expected a variable that is valid in the policy scope; found: `{varTok.Text}`", ScopeHelp);
            }
            var which = slot < 3 ? expectedVars[slot] : "extra";
            ParseVariableDef(which, varSpan, ref principal, ref resource, ref actionKind, ref actionEntities);
            slot++;
            if (!At(TokenKind.Comma)) break;
            Advance();
        }
        var close = Expect(TokenKind.RParen, "`)` or `,`");
        if (slot < 3)
        {
            Error(SpanOf(close), $"this policy is missing the `{expectedVars[slot]}` variable in the scope", ScopeHelp);
        }

        var conditions = new List<CedarCondition>();
        while (!At(TokenKind.Semi))
        {
            var kwTok = Expect(TokenKind.Ident, "`;` or identifier");
            var isWhen = kwTok.Text == "when";
            if (!isWhen && kwTok.Text != "unless")
                Error(SpanOf(kwTok), $"invalid policy condition: {kwTok.Text}", "condition must be either `when` or `unless`");
            Expect(TokenKind.LBrace, "`{`");
            if (At(TokenKind.RBrace))
            {
                Advance();
                Error(SpanFrom(SpanOf(kwTok)), $"`{kwTok.Text}` condition clause cannot be empty");
                continue;
            }
            var body = ParseExpr();
            Expect(TokenKind.RBrace, "`}`");
            Check(body);
            conditions.Add(new CedarCondition(isWhen, body, SpanFrom(SpanOf(kwTok))));
        }
        Advance();
        var span = SpanFrom(start);
        return new CedarPolicy("policy" + index, index, effect, annotations, _file, span, TextOf(span),
            principal, actionKind, actionEntities, resource, conditions);
    }

    private const string ScopeHelp = "policy scopes must contain a `principal`, `action`, and `resource` element in that order";

    private void ParseVariableDef(string which, SourceSpan varSpan, ref CedarScope principal, ref CedarScope resource,
        ref CedarActionScopeKind actionKind, ref IReadOnlyList<EntityUid> actionEntities)
    {
        if (At(TokenKind.Colon))
        {
            var colon = SpanOf(Advance());
            ParseNamePath(out _);
            Error(colon, "type constraints using `:` are not supported", "try using `is` instead");
        }
        string? isType = null;
        if (AtIdent("is"))
        {
            Advance();
            isType = ParseIsType();
            if (which == "action") Error(varSpan, "`is` cannot appear in the action scope", "try moving `action is ..` into a `when` condition");
        }
        if (!IsRelOp(Cur))
        {
            var scope = isType is null ? CedarScope.AnyScope : new CedarScope(CedarScopeKind.Is, null, isType);
            if (which == "principal") principal = scope;
            else if (which == "resource") resource = scope;
            return;
        }
        var opTok = Advance();
        var rhs = ParseExpr();
        var isIn = opTok.IsIdent("in");
        if (!isIn && opTok.Kind != TokenKind.EqEq)
        {
            Error(SpanFrom(varSpan), $"invalid operator in the policy scope: {opTok.Text}", "policy scope clauses can only use `==`, `in`, `is`, or `_ is _ in _`");
            return;
        }
        if (isType is not null && !isIn)
        {
            Error(SpanFrom(varSpan), "`is` cannot be used together with `==`", "try using `_ is _ in _`");
            return;
        }
        if (which == "action")
        {
            if (isIn && rhs is SetExpr set)
            {
                var list = new List<EntityUid>();
                foreach (var item in set.Items)
                {
                    if (ScopeEntity(item, action: true) is { } uid) list.Add(uid);
                }
                actionKind = CedarActionScopeKind.In;
                actionEntities = list;
                return;
            }
            if (rhs is SetExpr)
            {
                Error(rhs.Span, "expected single entity uid, found set of entity uids");
                return;
            }
            if (ScopeEntity(rhs, action: true) is { } single)
            {
                actionKind = isIn ? CedarActionScopeKind.In : CedarActionScopeKind.Equals;
                actionEntities = [single];
            }
            return;
        }
        if (rhs is SetExpr)
        {
            Error(rhs.Span, "expected single entity uid or template slot, found set of entity uids");
            return;
        }
        if (ScopeEntity(rhs, action: false) is not { } e) return;
        var kind = isType is not null ? CedarScopeKind.IsIn : isIn ? CedarScopeKind.In : CedarScopeKind.Equals;
        var result = new CedarScope(kind, e, isType);
        if (which == "principal") principal = result;
        else if (which == "resource") resource = result;
    }

    private EntityUid? ScopeEntity(CedarExpr e, bool action)
    {
        if (e is LiteralExpr { Value.Kind: CedarValueKind.Entity } lit)
        {
            var uid = lit.Value.AsEntity;
            if (action && uid.Type != "Action" && !uid.Type.EndsWith("::Action", StringComparison.Ordinal))
            {
                Error(e.Span, $"expected an entity uid with type `Action` but got `{uid}`", "action entities must have type `Action`, optionally in a namespace");
                return null;
            }
            return uid;
        }
        if (e is ErrorExpr) return null;
        var found = e is BinaryExpr b ? $"a `{OpText(b.Op)}` expression" : $"`{TextOf(e.Span)}`";
        Error(e.Span, $"expected an entity uid or matching template slot, found {found}");
        return null;
    }

    private static string OpText(CedarBinaryOp op) => op switch
    {
        CedarBinaryOp.And => "&&",
        CedarBinaryOp.Or => "||",
        CedarBinaryOp.Eq => "==",
        CedarBinaryOp.NotEq => "!=",
        CedarBinaryOp.Less => "<",
        CedarBinaryOp.LessEq => "<=",
        CedarBinaryOp.Greater => ">",
        CedarBinaryOp.GreaterEq => ">=",
        CedarBinaryOp.In => "in",
        CedarBinaryOp.Add => "+",
        CedarBinaryOp.Sub => "-",
        _ => "*",
    };

    /// <summary>Decodes a string token, reporting a bad escape.</summary>
    private string ReadString(Token t)
    {
        var raw = t.Text.Substring(1, t.Text.Length - 2);
        if (StringEscapes.TryUnescape(raw, out var value, out var bad)) return value;
        Error(SpanOf(t), $"the input `{bad}` is not a valid escape");
        return raw;
    }
}
