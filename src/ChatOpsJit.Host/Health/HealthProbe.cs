namespace ChatOpsJit.Host.Health;

/// <summary>
/// <c>ChatOpsJit.Host healthcheck [url]</c>: one GET of <c>/healthz</c>, exit 0 when it answers 200 and 1 otherwise, so a
/// container image with no shell and no curl (the chiseled runtime image) still has a HEALTHCHECK.
/// </summary>
public static class HealthProbe
{
    public const string Command = "healthcheck";

    /// <summary>How long the probe waits for an answer; the image's HEALTHCHECK allows a little more.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>True when the process was started to probe rather than to serve.</summary>
    public static bool IsRequested(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Command;

    /// <summary>Probes the url given after <see cref="Command"/>, else <c>/healthz</c> on the first address of <paramref name="configuredUrls"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, string? configuredUrls, TextWriter output, HttpMessageHandler? handler = null)
    {
        if (args.Count > 2)
        {
            await output.WriteLineAsync($"healthcheck: expected at most one url, got {args.Count - 1} arguments; usage: ChatOpsJit.Host healthcheck [http://127.0.0.1:8080/healthz]").ConfigureAwait(false);
            return 1;
        }

        var url = args.Count == 2 ? Parse(args[1]) : DefaultUrl(configuredUrls);
        if (url is null)
        {
            await output.WriteLineAsync($"healthcheck: '{(args.Count == 2 ? args[1] : configuredUrls)}' is not an http:// or https:// address").ConfigureAwait(false);
            return 1;
        }

        // No redirects: a probe that follows one would report another server's health.
        using var client = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url).ConfigureAwait(false);
            var healthy = response.StatusCode == System.Net.HttpStatusCode.OK;
            await output.WriteLineAsync($"{(healthy ? "healthy" : "unhealthy")}: GET {url} answered {(int)response.StatusCode}").ConfigureAwait(false);
            return healthy ? 0 : 1;
        }
        catch (TaskCanceledException)
        {
            await output.WriteLineAsync($"unhealthy: GET {url} gave no answer within {Timeout.TotalSeconds:0} s").ConfigureAwait(false);
            return 1;
        }
        catch (HttpRequestException e)
        {
            await output.WriteLineAsync($"unhealthy: GET {url} failed: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// <c>/healthz</c> on the first address the host listens on (<c>Urls</c>, e.g. <c>http://+:8080</c>), asked on loopback
    /// since a wildcard host is nowhere to connect to; <c>http://127.0.0.1:8080/healthz</c> when nothing is configured.
    /// </summary>
    public static Uri? DefaultUrl(string? configuredUrls)
    {
        var first = (configuredUrls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return new Uri("http://127.0.0.1:8080/healthz");
        }

        var address = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        var listen = Parse(address);
        return listen is null ? null : new UriBuilder(listen) { Path = "/healthz", Query = "" }.Uri;
    }

    private static Uri? Parse(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
