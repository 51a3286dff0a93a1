using System.Diagnostics;
using ChatOpsJit.Core.Telemetry;

namespace ChatOpsJit.Email;

/// <summary>
/// The client span of one SMTP send (<c>smtp send</c>): the server it talks to and the request it serves, never the
/// addresses, subject or body, which the outgoing HTTP instrumentation would not see either.
/// </summary>
internal static class SmtpSpan
{
    public static Activity? Start(string host, int port)
    {
        var span = ChatOpsJitTracing.Start("smtp", "send", ChatOpsJitTracing.RequestIdAbove(Activity.Current), ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("server.address", host);
            span.SetTag("server.port", port);
            span.SetTag("network.protocol.name", "smtp");
        }

        return span;
    }
}
