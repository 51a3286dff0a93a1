using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Http;

/// <summary>
/// Clients that carry a secret follow no redirect: HttpClient drops only the Authorization header on a redirect, and
/// re-posts the body on a 307 or 308, so a signed AWS token header or a client secret in a form would go to the new host.
/// </summary>
public static class RedirectPolicy
{
    public static IHttpClientBuilder NeverFollowRedirects(this IHttpClientBuilder client) =>
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
}
