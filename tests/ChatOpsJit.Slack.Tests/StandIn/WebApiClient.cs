using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

/// <summary>Calls the stand-in's Web API the two ways Slack clients do: a JSON body or a form, the token as a bearer header.</summary>
internal sealed class WebApiClient(HttpClient http)
{
    public Task<WebApiReply> JsonAsync(string method, JsonObject args, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = new StringContent(args.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return SendAsync(request, token);
    }

    public Task<WebApiReply> FormAsync(string method, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(fields) };
        return SendAsync(request, token);
    }

    /// <summary>A request as built by the caller (odd content types, no body…), with the token added when given.</summary>
    public async Task<WebApiReply> SendAsync(HttpRequestMessage request, string? token)
    {
        using (request)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var json = JsonNode.Parse(body) as JsonObject ?? throw new InvalidOperationException($"not a JSON object: {body}");
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
            return new WebApiReply(response.StatusCode, response.Headers.RetryAfter?.Delta, retryAfter, json);
        }
    }
}
