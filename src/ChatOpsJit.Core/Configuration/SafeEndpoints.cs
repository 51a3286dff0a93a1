using System.Net;

namespace ChatOpsJit.Core.Configuration;

/// <summary>
/// Which service addresses secrets may travel to (a bot token, a response_url's replies, a Socket Mode ticket, signed
/// AWS requests, STS credentials): https or wss anywhere, plain http or ws only to a stand-in on this machine.
/// </summary>
public static class SafeEndpoints
{
    public static bool IsSecureOrLoopback(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme is "https" or "wss" || (url.Scheme is "http" or "ws" && IsLoopback(url)));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
