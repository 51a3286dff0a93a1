using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatOpsJit.Testing.Aws;

/// <summary>Checks a request's Signature Version 4 as AWS does.</summary>
/// <remarks>
/// Rebuilds the canonical request from what arrived on the wire and recomputes the HMAC with the secret of the key, so
/// a request the SDK did not sign (or signed for other bytes) is refused.
/// </remarks>
internal static partial class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The caller and the scope it signed for, or the error AWS would answer.</summary>
    public static SigV4Result Verify(HttpRequest request, byte[] body, KeyRing keys, DateTimeOffset now)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return SigV4Result.Fail(null, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success)
        {
            return SigV4Result.Fail(null, "IncompleteSignature", $"Authorization header requires Credential, SignedHeaders and Signature with {Algorithm}");
        }

        var scope = new SigV4Scope(match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        var principal = keys.Find(scope.AccessKeyId);
        if (principal is null)
        {
            return SigV4Result.Fail(scope, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        if (principal.SessionToken is { } token && request.Headers["X-Amz-Security-Token"].ToString() != token)
        {
            return SigV4Result.Fail(scope, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        if (principal.Expiration is { } expiration && now >= expiration)
        {
            return SigV4Result.Fail(scope, "ExpiredToken", "The security token included in the request is expired");
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        var signedHeaders = match.Groups["headers"].Value.Split(';');
        if (!amzDate.StartsWith(scope.Date, StringComparison.Ordinal) || !signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date"))
        {
            return SigV4Result.Fail(scope, "IncompleteSignature", "The request must sign host and x-amz-date, and X-Amz-Date must fall on the credential scope's date");
        }

        var bodyHash = Hex(SHA256.HashData(body));
        var claimedHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (claimedHash.Length > 0 && claimedHash != bodyHash)
        {
            return SigV4Result.Fail(scope, "SignatureDoesNotMatch", "The provided X-Amz-Content-SHA256 does not match the body");
        }

        var canonical = CanonicalRequest(request, signedHeaders, bodyHash);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope.Date}/{scope.Region}/{scope.Service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var expected = Hex(HMACSHA256.HashData(SigningKey(principal.SecretAccessKey, scope), Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value)))
        {
            return SigV4Result.Fail(scope, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
        }

        return new SigV4Result(scope, principal, null, null);
    }

    private static string CanonicalRequest(HttpRequest request, string[] signedHeaders, string payloadHash)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];
        var headers = string.Concat(signedHeaders.Select(name => $"{name}:{HeaderValue(request, name)}\n"));
        return $"{request.Method}\n{CanonicalPath(rawPath)}\n{CanonicalQuery(rawQuery)}\n{headers}\n{string.Join(';', signedHeaders)}\n{payloadHash}";
    }

    // Every service but S3 signs the path as it went on the wire, encoded once more.
    private static string CanonicalPath(string rawPath) =>
        rawPath.Length == 0 ? "/" : string.Join('/', rawPath.Split('/').Select(Encode));

    private static string CanonicalQuery(string rawQuery) =>
        string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Key: Encode(Uri.UnescapeDataString(parts[0].Replace('+', ' '))), Value: Encode(parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "")))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    private static string HeaderValue(HttpRequest request, string name) =>
        string.Join(',', request.Headers[name].Select(v => SpaceRun().Replace((v ?? "").Trim(), " ")));

    private static byte[] SigningKey(string secret, SigV4Scope scope)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(scope.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }

    /// <summary>RFC 3986 encoding as SigV4 defines it: unreserved characters stay, every other byte becomes %XX.</summary>
    private static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' ? c.ToString() : "%" + b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256\s+Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request,\s*SignedHeaders=(?<headers>[a-z0-9;._-]+),\s*Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" {2,}")]
    private static partial Regex SpaceRun();
}

/// <summary>The credential scope of a signature: which key, and the day, Region and service it signed for.</summary>
internal sealed record SigV4Scope(string AccessKeyId, string Date, string Region, string Service);

/// <summary>A verified caller, or the error code and message AWS answers an unauthenticated request with.</summary>
internal sealed record SigV4Result(SigV4Scope? Scope, AwsPrincipal? Principal, string? ErrorCode, string? ErrorMessage)
{
    public static SigV4Result Fail(SigV4Scope? scope, string code, string message) => new(scope, null, code, message);
}
