using System.Net;

namespace ChatOpsJit.Aws;

/// <summary>Which endpoint overrides may be used: https anywhere, plain http only on this machine.</summary>
internal static class Endpoints
{
    public static bool IsAcceptable(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
