namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Lexical token kinds of the Cedar policy language.</summary>
internal enum TokenKind : byte
{
    Ident, Number, String, Slot,
    At, Dot, Comma, Semi, Colon, ColonColon,
    LParen, RParen, LBrace, RBrace, LBracket, RBracket,
    EqEq, NotEq, Lt, Le, Gt, Ge, OrOr, AndAnd,
    Plus, Minus, Star, Slash, Percent, Bang, Eq,
    Eof, Invalid,
}

/// <summary>A token with its source offsets and 1-based position; <c>Text</c> is the raw source slice.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End, int Line, int Column)
{
    public bool IsIdent(string word) => Kind == TokenKind.Ident && Text == word;

    /// <summary>How the token is quoted in "unexpected token" messages.</summary>
    public string Display => Kind == TokenKind.Eof ? "end of input" : $"token `{Text}`";
}
