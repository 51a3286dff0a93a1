using System.Net;

namespace ChatOpsJit.Aws.Email;

/// <summary>SES refused or failed a SendEmail; the message is one line with SES's error type and message, never a credential.</summary>
public sealed class SesException(HttpStatusCode statusCode, string? errorType, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>SES's error type (x-amzn-ErrorType): MessageRejected, TooManyRequestsException…; null when it gave none.</summary>
    public string? ErrorType { get; } = errorType;
}
