using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;
using MimeKit;

namespace ChatOpsJit.Testing.Aws;

/// <summary>SES v2 SendEmail (POST /v2/email/outbound-emails), Content.Simple or Content.Raw with base64 MIME.</summary>
internal sealed class SesMail(Recorded<SentEmail> emails)
{
    public void AddTo(AwsOperations operations) => operations.Add("ses", "SendEmail", SendEmail);

    private AwsAnswer SendEmail(AwsRequest request)
    {
        if (request.Json is not { } body)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "BadRequestException", "The request body is not JSON.");
        }

        var to = (body["Destination"]?["ToAddresses"] as JsonArray)?.Select(a => a?.GetValue<string>() ?? "").ToList() ?? [];
        var from = body["FromEmailAddress"]?.GetValue<string>();
        var id = $"0100{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}-000000";
        SentEmail email;
        if (body["Content"]?["Raw"]?["Data"]?.GetValue<string>() is { } data)
        {
            MimeMessage message;
            string mime;
            try
            {
                var bytes = Convert.FromBase64String(data);
                mime = System.Text.Encoding.UTF8.GetString(bytes);
                message = MimeMessage.Load(new MemoryStream(bytes));
            }
            catch (Exception e) when (e is FormatException or ParseException)
            {
                return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "BadRequestException", $"Content.Raw.Data is not base64 MIME: {e.Message}");
            }

            // With raw content SES takes the sender and recipients from the headers when the request names none.
            from ??= message.From.Mailboxes.FirstOrDefault()?.Address;
            if (to.Count == 0)
            {
                to = message.To.Mailboxes.Select(m => m.Address).ToList();
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in message.Headers)
            {
                headers.TryAdd(header.Field, header.Value);
            }

            email = new SentEmail(id, request.Account, request.Region, from ?? "", to, message.Subject ?? "", message.TextBody, message.HtmlBody, mime, headers);
        }
        else if (body["Content"]?["Simple"] is JsonObject simple)
        {
            email = new SentEmail(id, request.Account, request.Region, from ?? "", to,
                simple["Subject"]?["Data"]?.GetValue<string>() ?? "",
                simple["Body"]?["Text"]?["Data"]?.GetValue<string>(),
                simple["Body"]?["Html"]?["Data"]?.GetValue<string>(),
                null,
                new Dictionary<string, string>());
        }
        else
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "BadRequestException", "Content must have Simple, Raw or Template.");
        }

        if (string.IsNullOrEmpty(email.From))
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "BadRequestException", "Missing required field FromEmailAddress.");
        }

        if (email.To.Count == 0)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "BadRequestException", "Missing final '@domain'; the message has no recipients.");
        }

        emails.Add(email);
        return AwsAnswer.RestJson(new JsonObject { ["MessageId"] = id });
    }
}
