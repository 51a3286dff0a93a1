using Amazon.Runtime;

namespace ChatOpsJit.Aws;

/// <summary>
/// AWS error text fit to log, store or show. A signature mismatch answers with the canonical request AWS expected,
/// whose signed headers include the caller's session token, so such an error is reduced to its code, and any other to
/// its first line, cut short.
/// </summary>
public static class AwsErrors
{
    private const int MaxLength = 200;
    private static readonly string[] SignatureCodes = ["InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature"];

    public static string Safe(Exception e) => e is AmazonServiceException aws ? Safe(aws.ErrorCode, aws.Message) : Safe(null, e.Message);

    public static string Safe(string? code, string? message)
    {
        if (code is not null && SignatureCodes.Contains(code, StringComparer.Ordinal))
        {
            return $"{code}: AWS refused the request's signature (its answer, which repeats the signed headers, is not kept)";
        }

        var text = (message ?? "").ReplaceLineEndings("\n").Split('\n')[0];
        var canonical = text.IndexOf("The Canonical String", StringComparison.OrdinalIgnoreCase);
        if (canonical >= 0)
        {
            text = text[..canonical].TrimEnd();
        }

        text = text.Length <= MaxLength ? text : text[..MaxLength] + "…";
        return code is null ? text : $"{code}: {text}";
    }
}
