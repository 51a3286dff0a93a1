using System.Globalization;
using System.Text;

namespace ChatOpsJit.Testing.Aws;

/// <summary>NextToken paging: the token is opaque to the caller and only good for the listing that handed it out.</summary>
internal static class Paging
{
    /// <summary>One page from <paramref name="offset"/>, and the token for the next one (null on the last page).</summary>
    public static (IReadOnlyList<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> all, int offset, int size, string listing)
    {
        var page = all.Skip(offset).Take(size).ToList();
        var next = offset + page.Count;
        return (page, next < all.Count ? Token(listing, next) : null);
    }

    /// <summary>The offset a token stands for; 0 without a token, null for a token that is not one of this listing's.</summary>
    public static int? Offset(string? token, string listing)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var separator = text.LastIndexOf('|');
            return separator > 0 && text[..separator] == listing && int.TryParse(text[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Token(string listing, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{listing}|{offset.ToString(CultureInfo.InvariantCulture)}"));
}
