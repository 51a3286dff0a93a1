namespace ChatOpsJit.Slack.WebApi;

/// <summary>Slack answered a Web API call with <c>{"ok":false,"error":…}</c> (or an HTTP error); <see cref="Error"/> is Slack's code.</summary>
public sealed class SlackApiException(string method, string error, string? detail = null)
    : Exception($"Slack {method} failed: {error}" + (detail is null ? "" : $" ({detail})"))
{
    public string Method { get; } = method;

    public string Error { get; } = error;
}
