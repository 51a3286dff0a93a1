using System.Diagnostics;
using ChatOpsJit.Core.Telemetry;

namespace ChatOpsJit.Host.Telemetry;

/// <summary>
/// What the HTTP spans may record. Slack and Teams requests carry tokens in their bodies and headers, and a Slack
/// response_url is a credential in its path, so inbound spans keep method, route, path and status but no query, and
/// outbound spans keep the address without its query (and without the path of a URL marked secret). Neither
/// instrumentation records headers or bodies unless asked. Probes and scrapes are not traced at all.
/// </summary>
internal static class TraceRedaction
{
    private static readonly string[] Untraced = ["/healthz", "/readyz", PrometheusOptions.Path];

    public static bool TraceInbound(HttpContext context) =>
        !Untraced.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase));

    public static void EnrichInbound(Activity activity, HttpRequest request) => activity.SetTag("url.query", null);

    public static void EnrichOutbound(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            var secret = request.Options.TryGetValue(ChatOpsJitTracing.SecretUrl, out var marked) && marked;
            // Built by hand: GetLeftPart would keep user info, and the query goes too, not only its values.
            activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}{(secret ? "" : uri.AbsolutePath)}");
        }

        if (ChatOpsJitTracing.RequestIdAbove(activity.Parent) is { } requestId)
        {
            activity.SetTag(ChatOpsJitTracing.RequestId, requestId);
        }
    }
}
