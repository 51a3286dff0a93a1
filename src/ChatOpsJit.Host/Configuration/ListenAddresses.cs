using System.Net;
using System.Net.Sockets;

namespace ChatOpsJit.Host.Configuration;

/// <summary>
/// Checks, before the server starts, that the ports of <c>Urls</c> are free, so a port in use is one line naming the
/// setting and how to pick another, like every other start-up problem, rather than Kestrel's stack trace.
/// </summary>
public static class ListenAddresses
{
    /// <summary>One problem line per configured address whose port another program holds.</summary>
    public static IReadOnlyList<string> InUse(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => Parse(url) is { Port: > 0 } uri && IsTaken(uri))
            .Select(Problem)
            .ToList();

    /// <summary>The line for an address Kestrel could not bind because it is in use.</summary>
    public static string Problem(string url)
    {
        var port = Parse(url)?.Port ?? 8080;
        return $"Urls: port {port} ({url}) is already in use by another program; stop it, or choose another port, " +
               $"e.g. --Urls=http://localhost:{(port == 65535 ? 8081 : port + 1)} (or Urls in appsettings.json, or ASPNETCORE_URLS).";
    }

    // Kestrel's wildcard hosts (http://*:8080, http://+:8080) are no URI hosts: they are checked on loopback, and a clash
    // elsewhere still ends in the one line, through the bind error Program catches.
    private static Uri? Parse(string url) =>
        Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null;

    private static bool IsTaken(Uri uri)
    {
        var address = uri.Host is "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : IPAddress.Any;
        try
        {
            var probe = new TcpListener(address, uri.Port) { ExclusiveAddressUse = true };
            probe.Start();
            probe.Stop();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not ours to judge (no such interface, no permission): Kestrel reports it.
            return false;
        }
    }
}
