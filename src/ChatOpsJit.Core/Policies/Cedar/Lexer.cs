namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Splits policy text into tokens, skipping whitespace and <c>//</c> comments.</summary>
internal sealed class Lexer
{
    private readonly string _src;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string src) => _src = src;

    public static List<Token> Tokenize(string src)
    {
        var lexer = new Lexer(src);
        var tokens = new List<Token>(src.Length / 3 + 4);
        while (true)
        {
            var t = lexer.Next();
            tokens.Add(t);
            if (t.Kind == TokenKind.Eof) return tokens;
        }
    }

    private Token Next()
    {
        SkipTrivia();
        var start = _pos;
        var line = _line;
        var col = _pos - _lineStart + 1;
        if (_pos >= _src.Length) return new Token(TokenKind.Eof, "", start, start, line, col);
        var c = _src[_pos];
        TokenKind kind;
        if (NameRules.IsIdentStart(c))
        {
            while (_pos < _src.Length && NameRules.IsIdentPart(_src[_pos])) _pos++;
            kind = TokenKind.Ident;
        }
        else if (char.IsAsciiDigit(c))
        {
            while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos])) _pos++;
            kind = TokenKind.Number;
        }
        else if (c == '"')
        {
            kind = LexString();
        }
        else if (c == '?' && _pos + 1 < _src.Length && NameRules.IsIdentStart(_src[_pos + 1]))
        {
            _pos++;
            while (_pos < _src.Length && NameRules.IsIdentPart(_src[_pos])) _pos++;
            kind = TokenKind.Slot;
        }
        else
        {
            kind = LexPunct(c);
        }
        return new Token(kind, _src.Substring(start, _pos - start), start, _pos, line, col);
    }

    private TokenKind LexString()
    {
        _pos++;
        while (_pos < _src.Length)
        {
            var ch = _src[_pos];
            if (ch == '"')
            {
                _pos++;
                return TokenKind.String;
            }
            if (ch == '\\' && _pos + 1 < _src.Length && _src[_pos + 1] is not ('\n' or '\r')) _pos += 2;
            else if (ch == '\\') return TokenKind.Invalid;
            else
            {
                if (ch == '\n') NewLine(_pos + 1);
                _pos++;
            }
        }
        return TokenKind.Invalid;
    }

    private TokenKind LexPunct(char c)
    {
        var n = _pos + 1 < _src.Length ? _src[_pos + 1] : '\0';
        (TokenKind kind, int len) r = c switch
        {
            '@' => (TokenKind.At, 1),
            '.' => (TokenKind.Dot, 1),
            ',' => (TokenKind.Comma, 1),
            ';' => (TokenKind.Semi, 1),
            ':' => n == ':' ? (TokenKind.ColonColon, 2) : (TokenKind.Colon, 1),
            '(' => (TokenKind.LParen, 1),
            ')' => (TokenKind.RParen, 1),
            '{' => (TokenKind.LBrace, 1),
            '}' => (TokenKind.RBrace, 1),
            '[' => (TokenKind.LBracket, 1),
            ']' => (TokenKind.RBracket, 1),
            '=' => n == '=' ? (TokenKind.EqEq, 2) : (TokenKind.Eq, 1),
            '!' => n == '=' ? (TokenKind.NotEq, 2) : (TokenKind.Bang, 1),
            '<' => n == '=' ? (TokenKind.Le, 2) : (TokenKind.Lt, 1),
            '>' => n == '=' ? (TokenKind.Ge, 2) : (TokenKind.Gt, 1),
            '|' => n == '|' ? (TokenKind.OrOr, 2) : (TokenKind.Invalid, 1),
            '&' => n == '&' ? (TokenKind.AndAnd, 2) : (TokenKind.Invalid, 1),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            _ => (TokenKind.Invalid, char.IsSurrogatePair(_src, _pos) ? 2 : 1),
        };
        _pos += r.len;
        return r.kind;
    }

    private void SkipTrivia()
    {
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c == '\n')
            {
                _pos++;
                NewLine(_pos);
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _src.Length && _src[_pos + 1] == '/')
            {
                while (_pos < _src.Length && _src[_pos] is not ('\n' or '\r')) _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private void NewLine(int nextLineStart)
    {
        _line++;
        _lineStart = nextLineStart;
    }
}
