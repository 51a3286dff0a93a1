using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Email;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Email;

/// <summary>Sends emails through the SES v2 API as raw MIME, signed with SigV4 by AWSSDK.Core's signer.</summary>
/// <remarks>
/// The MIME is the message SMTP would send, Message-ID included, so a resend is recognisable. Credentials are AWSOptions'
/// (the SDK's default chain unless set). It does not retry: a throttled or failed send throws, and the outbox retries it,
/// after Retry-After when SES gives one.
/// </remarks>
public sealed class SesEmailSender : IEmailSender
{
    public const string HttpClientName = "ChatOpsJit.Ses";

    private readonly IHttpClientFactory _httpClients;
    private readonly IOptions<EmailOptions> _email;
    private readonly IOptions<AwsOptions> _ses;
    private readonly AWSOptions _aws;
    private readonly TimeProvider _time;
    private readonly ILogger<SesEmailSender> _logger;
    private readonly Lazy<AWSCredentials> _credentials;

    public SesEmailSender(IHttpClientFactory httpClients, IOptions<EmailOptions> email, IOptions<AwsOptions> ses, AWSOptions aws, TimeProvider time, ILogger<SesEmailSender> logger)
    {
        _httpClients = httpClients;
        _email = email;
        _ses = ses;
        _aws = aws;
        _time = time;
        _logger = logger;
        // Resolved on first send, as SDK clients do: the chain may reach out to instance metadata or an SSO cache.
        _credentials = new Lazy<AWSCredentials>(() => aws.Credentials ?? aws.GetCredentials());
    }

    public async Task SendAsync(string to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var endpoint = SesEndpoint.Resolve(_ses.Value, _aws) ?? throw new InvalidOperationException("Aws:SesRegion is not set");
        var from = _email.Value.From;
        using var message = EmailMessageBuilder.Build(from, to, card, idempotencyKey);
        using var mime = new MemoryStream();
        await message.WriteToAsync(mime, cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["FromEmailAddress"] = from,
            ["Destination"] = new JsonObject { ["ToAddresses"] = new JsonArray(to) },
            ["Content"] = new JsonObject { ["Raw"] = new JsonObject { ["Data"] = Convert.ToBase64String(mime.ToArray()) } },
        });

        using var request = await SignedRequestAsync(endpoint, body, cancellationToken).ConfigureAwait(false);
        using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response, text);
        }

        _logger.LogDebug("SES accepted message {MessageId} for {Recipient} in {Region}", ReadMessageId(text), to, endpoint.Region);
    }

    private async Task<HttpRequestMessage> SignedRequestAsync(SesEndpoint endpoint, byte[] body, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = endpoint.SendEmailUrl, Content = body };
        signing.Headers["Content-Type"] = "application/json";
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = _credentials.Value,
            Region = RegionEndpoint.GetBySystemName(endpoint.Region),
            Service = "ses",
            SignPayload = true,
        }, cancellationToken).ConfigureAwait(false);

        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.SendEmailUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var header in signed.Headers)
        {
            // The signed headers as the signer computed them: Authorization, X-Amz-Date, X-Amz-Content-SHA256, the token.
            if (!header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return request;
    }

    private Exception Failure(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First().Split(':')[0] : null;
        var message = $"SES SendEmail failed: HTTP {status}{(type is null ? ":" : "")} {AwsErrors.Safe(type, ErrorMessage(body))}";
        if ((status == 429 || status >= 500) && RetryAfter(response) is { } wait)
        {
            return new RetryAfterException(wait, message);
        }

        return new SesException(response.StatusCode, type, message);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > _time.GetUtcNow() ? date - _time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static string ErrorMessage(string body)
    {
        try
        {
            var json = JsonNode.Parse(body);
            return (json?["message"] ?? json?["Message"]) is JsonValue value && value.TryGetValue<string>(out var text) ? text : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static string ReadMessageId(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["MessageId"]?.GetValue<string>() ?? "?";
        }
        catch (JsonException)
        {
            return "?";
        }
    }
}
