namespace ChatOpsJit.Core.Text;

/// <summary>User text quoted back in a one-line reply, cut short so a long paste cannot swamp the message.</summary>
public static class Quoted
{
    public const int MaxLength = 40;

    public static string Shorten(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
