namespace ChatOpsJit.Testing.Aws;

/// <summary>A failure a test asks for; each service answers it with its own error code and status.</summary>
public enum AwsFault
{
    /// <summary>SSM ThrottlingException 400, STS Throttling 400, EC2 RequestLimitExceeded 503, SES TooManyRequestsException 429.</summary>
    Throttling,

    /// <summary>HTTP 500: SSM InternalServerError, STS and SES InternalFailure, EC2 InternalError.</summary>
    ServerError,

    /// <summary>HTTP 403, the kind no retry fixes: SSM/SES AccessDeniedException, STS AccessDenied, EC2 UnauthorizedOperation.</summary>
    AccessDenied,

    /// <summary>
    /// HTTP 403 InvalidSignatureException (SignatureDoesNotMatch in the query protocols), whose message repeats the canonical
    /// request AWS expected, signed headers and the caller's session token included, as AWS does.
    /// </summary>
    SignatureMismatch,
}
