namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Expression grammar: if, ||, &amp;&amp;, relations, + -, *, unary, member access, primaries.</summary>
internal sealed partial class Parser
{
    private const string ExpectedExpr = "an expression";

    private static readonly HashSet<string> ExtensionFunctions = ["ip", "decimal", "datetime", "duration"];

    private static readonly HashSet<string> ExtensionMethods =
    [
        "isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange",
        "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
        "offset", "durationSince", "toDate", "toTime", "toDays", "toHours", "toMinutes", "toSeconds", "toMilliseconds",
    ];

    private static readonly Dictionary<string, int> BuiltinMethods = new()
    {
        ["contains"] = 1, ["containsAll"] = 1, ["containsAny"] = 1, ["isEmpty"] = 0, ["hasTag"] = 1, ["getTag"] = 1,
    };

    private static bool IsRelOp(Token t) =>
        t.Kind is TokenKind.EqEq or TokenKind.NotEq or TokenKind.Lt or TokenKind.Le or TokenKind.Gt or TokenKind.Ge or TokenKind.Eq
        || t.IsIdent("in");

    // Tokens that would extend an `Add` expression; their presence after a has/like/is operand means the operand is not a bare name/literal.
    private static bool ContinuesOperand(Token t) =>
        t.Kind is TokenKind.Dot or TokenKind.LBracket or TokenKind.LParen or TokenKind.ColonColon
            or TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Percent;

    private CedarExpr ParseExpr()
    {
        if (AtIdent("if"))
        {
            var start = SpanOf(Advance());
            var c = ParseExpr();
            if (!AtIdent("then")) throw Unexpected("`then`");
            Advance();
            var t = ParseExpr();
            if (!AtIdent("else")) throw Unexpected("`else`");
            Advance();
            var e = ParseExpr();
            return new IfExpr(SpanFrom(start), c, t, e);
        }
        return ParseOr();
    }

    private CedarExpr ParseOr()
    {
        var start = SpanOf(Cur);
        var left = ParseAnd();
        while (At(TokenKind.OrOr))
        {
            Advance();
            var right = ParseAnd();
            left = new BinaryExpr(SpanFrom(start), CedarBinaryOp.Or, left, right);
        }
        return left;
    }

    private CedarExpr ParseAnd()
    {
        var start = SpanOf(Cur);
        var left = ParseRelation();
        while (At(TokenKind.AndAnd))
        {
            Advance();
            var right = ParseRelation();
            left = new BinaryExpr(SpanFrom(start), CedarBinaryOp.And, left, right);
        }
        return left;
    }

    private CedarExpr ParseRelation()
    {
        var start = SpanOf(Cur);
        var left = ParseAdd();
        if (IsRelOp(Cur))
        {
            var count = 0;
            var result = left;
            while (IsRelOp(Cur))
            {
                var opTok = Advance();
                var right = ParseAdd();
                count++;
                if (count == 2) Error(left.Span, "multiple relational operators (>, ==, in, etc.) must be used with parentheses to make ordering explicit");
                if (opTok.Kind == TokenKind.Eq)
                {
                    Error(SpanFrom(start), "'=' is not a valid operator in cedar", "try using '==' instead");
                    result = new ErrorExpr(SpanFrom(start));
                    continue;
                }
                result = MakeRelation(opTok, SpanFrom(start), result, right);
            }
            if (AtIdent("has") || AtIdent("like") || AtIdent("is")) throw Unexpected("`&&`, `||` or the end of the expression");
            return result;
        }
        CedarExpr rel;
        if (AtIdent("has"))
        {
            Advance();
            rel = ParseHasRhs(start, left);
        }
        else if (AtIdent("like"))
        {
            Advance();
            rel = ParseLikeRhs(start, left);
        }
        else if (AtIdent("is"))
        {
            Advance();
            var type = ParseIsType();
            rel = new IsExpr(SpanFrom(start), left, type);
            if (AtIdent("in"))
            {
                Advance();
                var target = ParseAdd();
                var span = SpanFrom(start);
                rel = new BinaryExpr(span, CedarBinaryOp.And, rel, new BinaryExpr(span, CedarBinaryOp.In, left, target));
            }
        }
        else
        {
            return left;
        }
        if (IsRelOp(Cur) || AtIdent("has") || AtIdent("like") || AtIdent("is")) throw Unexpected("`&&`, `||` or the end of the expression");
        return rel;
    }

    private static CedarExpr MakeRelation(Token opTok, SourceSpan span, CedarExpr l, CedarExpr r)
    {
        var op = opTok.Kind switch
        {
            TokenKind.EqEq => CedarBinaryOp.Eq,
            TokenKind.NotEq => CedarBinaryOp.NotEq,
            TokenKind.Lt => CedarBinaryOp.Less,
            TokenKind.Le => CedarBinaryOp.LessEq,
            TokenKind.Gt => CedarBinaryOp.Greater,
            TokenKind.Ge => CedarBinaryOp.GreaterEq,
            _ => CedarBinaryOp.In,
        };
        return new BinaryExpr(span, op, l, r);
    }

    private CedarExpr ParseHasRhs(SourceSpan start, CedarExpr target)
    {
        var rhsStart = SpanOf(Cur);
        var attrs = new List<string>();
        if (At(TokenKind.String))
        {
            attrs.Add(ReadString(Advance()));
        }
        else if (At(TokenKind.Ident))
        {
            attrs.Add(ReadAttrIdent(Advance()));
            while (At(TokenKind.Dot) && Peek().Kind == TokenKind.Ident)
            {
                Advance();
                attrs.Add(ReadAttrIdent(Advance()));
            }
        }
        else
        {
            throw Unexpected("an identifier or string literal");
        }
        if (ContinuesOperand(Cur))
        {
            ParseAddContinuation();
            var span = SpanFrom(rhsStart);
            Error(span, $"invalid RHS of a `has` operation: {TextOf(span)}",
                "valid RHS of a `has` operation is either a sequence of identifiers separated by `.` or a string literal");
            return new ErrorExpr(SpanFrom(start));
        }
        // `e has a.b.c` means `e has a && e.a has b && e.a.b has c`.
        var whole = SpanFrom(start);
        CedarExpr result = new HasAttrExpr(whole, target, attrs[0]);
        CedarExpr path = target;
        for (var i = 1; i < attrs.Count; i++)
        {
            path = new GetAttrExpr(whole, path, attrs[i - 1]);
            result = new BinaryExpr(whole, CedarBinaryOp.And, result, new HasAttrExpr(whole, path, attrs[i]));
        }
        return result;
    }

    /// <summary>Consumes the rest of an invalid operand so the error is reported once, at its start.</summary>
    private void ParseAddContinuation()
    {
        while (ContinuesOperand(Cur))
        {
            var t = Advance();
            if (t.Kind == TokenKind.LBracket) { ParseExpr(); Expect(TokenKind.RBracket, "`]`"); }
            else if (t.Kind == TokenKind.LParen) { ParseArgs(); }
            else if (t.Kind is TokenKind.Dot or TokenKind.ColonColon) { Advance(); }
            else { ParseMult(); }
        }
    }

    private string ReadAttrIdent(Token t)
    {
        if (NameRules.IsReserved(t.Text)) Error(SpanOf(t), $"this identifier is reserved and cannot be used: {t.Text}");
        else if (t.Text == NameRules.ReservedNamespace) Error(SpanOf(t), $"the name `{t.Text}` contains `__cedar`, which is reserved");
        return t.Text;
    }

    private CedarExpr ParseLikeRhs(SourceSpan start, CedarExpr target)
    {
        if (At(TokenKind.String) && !ContinuesOperand(Peek()))
        {
            var tok = Advance();
            var raw = tok.Text.Substring(1, tok.Text.Length - 2);
            if (!StringEscapes.TryParsePattern(raw, out var parts, out var bad))
                Error(SpanOf(tok), $"the input `{bad}` is not a valid escape");
            return new LikeExpr(SpanFrom(start), target, raw, parts);
        }
        var rhs = ParseAdd();
        Error(rhs.Span, $"right hand side of a `like` expression must be a pattern literal, but got `{TextOf(rhs.Span)}`");
        return new ErrorExpr(SpanFrom(start));
    }

    /// <summary>Parses the entity type after <c>is</c>.</summary>
    private string ParseIsType()
    {
        var start = SpanOf(Cur);
        string? help = null;
        if (At(TokenKind.Ident))
        {
            var path = ParseNamePath(out _);
            if (!ContinuesOperand(Cur)) return path;
            if (At(TokenKind.ColonColon) && Peek().Kind == TokenKind.String)
            {
                Advance();
                Advance();
                help = ContinuesOperand(Cur) ? null : "try using `==` to test for equality";
            }
            ParseAddContinuation();
        }
        else
        {
            ParseAdd();
        }
        var span = SpanFrom(start);
        Error(span, $"right hand side of an `is` expression must be an entity type name, but got `{TextOf(span)}`", help);
        return "";
    }

    /// <summary>Parses <c>Ident(::Ident)*</c>, stopping before <c>::"id"</c>; reports reserved words.</summary>
    private string ParseNamePath(out SourceSpan span)
    {
        var first = Expect(TokenKind.Ident, "identifier");
        var start = SpanOf(first);
        var parts = new List<Token> { first };
        while (At(TokenKind.ColonColon) && Peek().Kind == TokenKind.Ident)
        {
            Advance();
            parts.Add(Advance());
        }
        span = SpanFrom(start);
        var path = string.Join("::", parts.Select(p => p.Text));
        foreach (var p in parts)
        {
            if (NameRules.IsReserved(p.Text)) Error(SpanOf(p), $"this identifier is reserved and cannot be used: {p.Text}");
        }
        if (parts.Any(p => p.Text == NameRules.ReservedNamespace)) Error(span, $"the name `{path}` contains `__cedar`, which is reserved");
        return path;
    }

    private CedarExpr ParseAdd()
    {
        var start = SpanOf(Cur);
        var left = ParseMult();
        while (At(TokenKind.Plus) || At(TokenKind.Minus))
        {
            var op = Advance().Kind == TokenKind.Plus ? CedarBinaryOp.Add : CedarBinaryOp.Sub;
            var right = ParseMult();
            left = new BinaryExpr(SpanFrom(start), op, left, right);
        }
        return left;
    }

    private CedarExpr ParseMult()
    {
        var start = SpanOf(Cur);
        var left = ParseUnary();
        while (At(TokenKind.Star) || At(TokenKind.Slash) || At(TokenKind.Percent))
        {
            var op = Advance().Kind;
            var right = ParseUnary();
            var span = SpanFrom(start);
            if (op == TokenKind.Slash) Error(span, "division is not supported");
            else if (op == TokenKind.Percent) Error(span, "remainder/modulo is not supported");
            left = new BinaryExpr(span, CedarBinaryOp.Mul, left, right);
        }
        return left;
    }

    private CedarExpr ParseUnary()
    {
        if (!At(TokenKind.Bang) && !At(TokenKind.Minus)) return ResolveNumber(ParseMember(), negate: false);
        var opTok = Cur;
        var count = 0;
        while (Cur.Kind == opTok.Kind)
        {
            Advance();
            count++;
        }
        var operand = ParseMember();
        var span = SpanFrom(SpanOf(opTok));
        if (count > 4)
        {
            Error(span, $"too many occurrences of `{opTok.Text}`", "cannot chain more the 4 applications of a unary operator");
            return new ErrorExpr(span);
        }
        var op = opTok.Kind == TokenKind.Bang ? CedarUnaryOp.Not : CedarUnaryOp.Neg;
        var result = op == CedarUnaryOp.Not ? ResolveNumber(operand, negate: false) : operand;
        if (op == CedarUnaryOp.Neg && operand is NumberExpr)
        {
            // The innermost minus folds into the literal, which is how -9223372036854775808 is written.
            result = ResolveNumber(operand, negate: true);
            count--;
        }
        for (var i = 0; i < count; i++) result = new UnaryExpr(span, op, result);
        return result;
    }

    private CedarExpr ResolveNumber(CedarExpr e, bool negate)
    {
        if (e is not NumberExpr n) return e;
        if (negate && n.Raw <= 9223372036854775808UL)
        {
            return new LiteralExpr(n.Span, CedarValue.Of(n.Raw == 9223372036854775808UL ? long.MinValue : -(long)n.Raw));
        }
        if (n.Raw > long.MaxValue)
        {
            Error(n.Span, $"integer literal `{n.Raw}` is too large", "maximum allowed integer literal is `9223372036854775807`");
            return new ErrorExpr(n.Span);
        }
        return new LiteralExpr(n.Span, CedarValue.Of((long)n.Raw));
    }

    private CedarExpr ParseMember()
    {
        var start = SpanOf(Cur);
        var item = ParsePrimary();
        if (item is NameExpr name && At(TokenKind.LParen))
        {
            item = ParseFunctionCall(name);
        }
        while (true)
        {
            if (At(TokenKind.Dot))
            {
                item = ResolveNumber(item, negate: false);
                Advance();
                var ident = Expect(TokenKind.Ident, "identifier");
                if (At(TokenKind.LParen))
                {
                    var args = ParseArgs();
                    item = MakeMethod(start, item, ident, args);
                }
                else
                {
                    item = new GetAttrExpr(SpanFrom(start), item, ReadAttrIdent(ident));
                }
            }
            else if (At(TokenKind.LBracket))
            {
                item = ResolveNumber(item, negate: false);
                Advance();
                var key = ParseExpr();
                Expect(TokenKind.RBracket, "`]`");
                string attr = "";
                if (key is StringExpr s)
                {
                    attr = s.Value;
                    if (s.BadEscape is not null) Error(s.Span, $"the input `{s.BadEscape}` is not a valid escape");
                }
                else
                {
                    Error(key.Span, $"invalid string literal: {TextOf(key.Span)}");
                }
                item = new GetAttrExpr(SpanFrom(start), item, attr);
            }
            else if (At(TokenKind.LParen))
            {
                ParseArgs();
                var span = SpanFrom(start);
                Error(span, "function calls must be of the form `<name>(arg1, arg2, ...)`");
                item = new ErrorExpr(span);
            }
            else
            {
                return item;
            }
        }
    }

    private List<CedarExpr> ParseArgs()
    {
        Expect(TokenKind.LParen, "`(`");
        var args = new List<CedarExpr>();
        while (!At(TokenKind.RParen))
        {
            args.Add(ParseExpr());
            if (!At(TokenKind.Comma)) break;
            Advance();
        }
        Expect(TokenKind.RParen, "`)` or `,`");
        return args;
    }

    private CedarExpr ParseFunctionCall(NameExpr name)
    {
        ParseArgs();
        var span = SpanFrom(name.Span);
        if (ExtensionFunctions.Contains(name.Path)) Error(span, $"extension function `{name.Path}` is not supported", "extension types (ip, decimal, datetime, duration) are not available in this engine");
        else if (BuiltinMethods.ContainsKey(name.Path) || ExtensionMethods.Contains(name.Path)) Error(span, $"`{name.Path}` is a method, not a function", $"use a method-style call `e.{name.Path}(..)`");
        else Error(span, $"`{name.Path}` is not a valid function");
        return new ErrorExpr(span);
    }

    private CedarExpr MakeMethod(SourceSpan start, CedarExpr target, Token ident, List<CedarExpr> args)
    {
        var span = SpanFrom(start);
        var m = ident.Text;
        if (BuiltinMethods.TryGetValue(m, out var arity))
        {
            if (args.Count != arity)
            {
                Error(span, $"call to `{m}` requires exactly {Plural(arity, "argument")}, but got {Plural(args.Count, "argument")}");
                return new ErrorExpr(span);
            }
            return new MethodExpr(span, m, target, args);
        }
        if (ExtensionMethods.Contains(m)) Error(SpanOf(ident), $"extension method `{m}` is not supported", "extension types (ip, decimal, datetime, duration) are not available in this engine");
        else Error(span, $"`{m}` is not a valid method");
        return new ErrorExpr(span);
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    private CedarExpr ParsePrimary()
    {
        var t = Cur;
        var span = SpanOf(t);
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (ulong.TryParse(t.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return new NumberExpr(span, n);
                Error(span, "integer parse error: number too large to fit in target type");
                return new ErrorExpr(span);
            case TokenKind.String:
            {
                Advance();
                var raw = t.Text.Substring(1, t.Text.Length - 2);
                StringEscapes.TryUnescape(raw, out var value, out var bad);
                return new StringExpr(span, raw, value, bad);
            }
            case TokenKind.Slot:
                Advance();
                Error(span, $"templates are not supported: found template slot `{t.Text}`");
                return new ErrorExpr(span);
            case TokenKind.LParen:
            {
                Advance();
                var inner = ParseExpr();
                Expect(TokenKind.RParen, "`)`");
                return inner;
            }
            case TokenKind.LBracket:
            {
                Advance();
                var items = new List<CedarExpr>();
                while (!At(TokenKind.RBracket))
                {
                    items.Add(ParseExpr());
                    if (!At(TokenKind.Comma)) break;
                    Advance();
                }
                Expect(TokenKind.RBracket, "`]` or `,`");
                return new SetExpr(SpanFrom(span), items);
            }
            case TokenKind.LBrace:
                return ParseRecord();
            case TokenKind.Ident:
                if (t.Text == "true" || t.Text == "false")
                {
                    Advance();
                    return new LiteralExpr(span, CedarValue.Of(t.Text == "true"));
                }
                return ParseNameOrEntity();
            default:
                throw Unexpected(ExpectedExpr);
        }
    }

    private CedarExpr ParseNameOrEntity()
    {
        var path = ParseNamePath(out var nameSpan);
        if (At(TokenKind.ColonColon))
        {
            Advance();
            if (At(TokenKind.String))
            {
                var id = ReadString(Advance());
                return new LiteralExpr(SpanFrom(nameSpan), CedarValue.Of(new EntityUid(path, id)));
            }
            if (At(TokenKind.LBrace))
            {
                while (!At(TokenKind.RBrace) && !At(TokenKind.Eof)) Advance();
                Expect(TokenKind.RBrace, "`}`");
                var span = SpanFrom(nameSpan);
                Error(span, $"invalid entity literal: {TextOf(span)}", "entity literals should have a form like `Namespace::User::\"alice\"`");
                return new ErrorExpr(span);
            }
            throw Unexpected("identifier or string literal");
        }
        return path switch
        {
            "principal" => new VariableExpr(nameSpan, CedarVariable.Principal),
            "action" => new VariableExpr(nameSpan, CedarVariable.Action),
            "resource" => new VariableExpr(nameSpan, CedarVariable.Resource),
            "context" => new VariableExpr(nameSpan, CedarVariable.Context),
            _ => new NameExpr(nameSpan, path),
        };
    }

    private CedarExpr ParseRecord()
    {
        var start = SpanOf(Advance());
        var fields = new List<KeyValuePair<string, CedarExpr>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!At(TokenKind.RBrace))
        {
            string key;
            var keyTok = Cur;
            if (keyTok.IsIdent("if") && Peek().Kind == TokenKind.Colon)
            {
                Advance();
                Error(SpanOf(keyTok), "this identifier is reserved and cannot be used: if");
                key = "if";
            }
            else
            {
                var keyExpr = ParseExpr();
                key = RecordKey(keyExpr);
            }
            Expect(TokenKind.Colon, "`:`");
            var value = ParseExpr();
            if (!seen.Add(key)) Error(SpanFrom(start), $"duplicate key `{key}` in record literal");
            fields.Add(new(key, value));
            if (!At(TokenKind.Comma)) break;
            Advance();
        }
        Expect(TokenKind.RBrace, "`}` or `,`");
        return new RecordExpr(SpanFrom(start), fields);
    }

    private string RecordKey(CedarExpr keyExpr)
    {
        switch (keyExpr)
        {
            case StringExpr s:
                if (s.BadEscape is not null) Error(s.Span, $"the input `{s.BadEscape}` is not a valid escape");
                return s.Value;
            case VariableExpr v:
                return TextOf(v.Span);
            case NameExpr n when !n.Path.Contains("::", StringComparison.Ordinal):
                if (n.Path == NameRules.ReservedNamespace) Error(n.Span, $"the name `{n.Path}` contains `__cedar`, which is reserved");
                return n.Path;
            case LiteralExpr { Value.Kind: CedarValueKind.Bool } b:
                Error(b.Span, $"this identifier is reserved and cannot be used: {TextOf(b.Span)}");
                return TextOf(b.Span);
            case ErrorExpr:
                return "";
            default:
                Error(keyExpr.Span, $"invalid attribute name: {TextOf(keyExpr.Span)}", "attribute names can either be identifiers or string literals");
                return "";
        }
    }

    /// <summary>Reports leftovers that are only errors once an expression is complete: bare names and bad string escapes.</summary>
    private void Check(CedarExpr e)
    {
        switch (e)
        {
            case NameExpr n:
                Error(n.Span, $"invalid variable: {n.Path}",
                    $"the valid cedar variables are `principal`, `action`, `resource`, and `context`; did you mean to enclose `{n.Path}` in quotes to make a string?");
                break;
            case StringExpr s when s.BadEscape is not null:
                Error(s.Span, $"the input `{s.BadEscape}` is not a valid escape");
                break;
            case UnaryExpr u: Check(u.Operand); break;
            case BinaryExpr b: Check(b.Left); Check(b.Right); break;
            case IfExpr i: Check(i.Condition); Check(i.Then); Check(i.Else); break;
            case GetAttrExpr g: Check(g.Target); break;
            case HasAttrExpr h: Check(h.Target); break;
            case LikeExpr l: Check(l.Target); break;
            case IsExpr s: Check(s.Target); break;
            case MethodExpr m:
                Check(m.Target);
                foreach (var a in m.Args) Check(a);
                break;
            case SetExpr set:
                foreach (var a in set.Items) Check(a);
                break;
            case RecordExpr r:
                foreach (var f in r.Fields) Check(f.Value);
                break;
        }
    }
}
