using System.Text;

namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>A Cedar entity identifier: an entity type name and an id.</summary>
public readonly record struct EntityUid(string Type, string Id)
{
    /// <summary>Formats as <c>Type::"Id"</c>, escaping the id the way the reference prints it.</summary>
    public override string ToString() => $"{Type}::\"{CedarEscapes.Escape(Id)}\"";
}

/// <summary>Escaping helpers shared by value and uid formatting.</summary>
internal static class CedarEscapes
{
    // Mirrors Rust's `escape_debug`, which the reference uses when it prints ids and strings.
    public static string Escape(string s)
    {
        var needs = false;
        foreach (var ch in s)
        {
            if (ch is '"' or '\\' or '\'' || char.IsControl(ch)) { needs = true; break; }
        }
        if (!needs) return s;
        var sb = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(ch)) sb.Append("\\u{").Append(((int)ch).ToString("x")).Append('}');
                    else sb.Append(ch);
                    break;
            }
        }
        return sb.ToString();
    }
}
