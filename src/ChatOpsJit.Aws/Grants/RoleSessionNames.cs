using System.Text;

namespace ChatOpsJit.Aws.Grants;

/// <summary>
/// The RoleSessionName of a grant's tokens: derived from the request id, so CloudTrail, DescribeSessions and the audit
/// trail name the same request, and every token of one grant shares it.
/// </summary>
internal static class RoleSessionNames
{
    private const int MaxLength = 64;

    /// <summary><c>chatopsjit-{request id}</c>, with characters STS refuses (outside <c>[\w+=,.@-]</c>) replaced and at most 64 long.</summary>
    public static string For(string requestId)
    {
        var name = new StringBuilder("chatopsjit-");
        foreach (var c in requestId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-' ? c : '-');
        }

        return name.Length > MaxLength ? name.ToString(0, MaxLength) : name.ToString();
    }
}
