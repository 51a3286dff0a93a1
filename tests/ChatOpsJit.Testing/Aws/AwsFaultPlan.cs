namespace ChatOpsJit.Testing.Aws;

/// <summary>The failures a test asked for: an operation failing its next calls, or every call until healed.</summary>
internal sealed class AwsFaultPlan
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<(AwsFault Fault, TimeSpan? RetryAfter)>> _next = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (AwsFault Fault, TimeSpan? RetryAfter)> _always = new(StringComparer.Ordinal);

    public void FailNext(string operation, int times, AwsFault fault, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            if (!_next.TryGetValue(operation, out var queue))
            {
                _next[operation] = queue = new Queue<(AwsFault, TimeSpan?)>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue((fault, retryAfter));
            }
        }
    }

    public void FailAlways(string operation, AwsFault fault, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            _always[operation] = (fault, retryAfter);
        }
    }

    /// <summary>Drops both the queued and the standing failures of the operation.</summary>
    public void Heal(string operation)
    {
        lock (_gate)
        {
            _next.Remove(operation);
            _always.Remove(operation);
        }
    }

    /// <summary>The failure this call gets: a queued one first (each used once), else the standing one.</summary>
    public (AwsFault Fault, TimeSpan? RetryAfter)? Take(string operation)
    {
        lock (_gate)
        {
            if (_next.TryGetValue(operation, out var queue) && queue.TryDequeue(out var next))
            {
                return next;
            }

            return _always.TryGetValue(operation, out var always) ? always : null;
        }
    }

    /// <summary>How each service says it: its code and status for the fault.</summary>
    public static AwsAnswer Answer(AwsRequest request, AwsFault fault, TimeSpan? retryAfter)
    {
        var (status, code) = (fault, request.Protocol) switch
        {
            (AwsFault.Throttling, AwsProtocol.Json11) => (400, "ThrottlingException"),
            (AwsFault.Throttling, AwsProtocol.Query) => (400, "Throttling"),
            (AwsFault.Throttling, AwsProtocol.Ec2Query) => (503, "RequestLimitExceeded"),
            (AwsFault.Throttling, _) => (429, "TooManyRequestsException"),
            (AwsFault.ServerError, AwsProtocol.Json11) => (500, "InternalServerError"),
            (AwsFault.ServerError, AwsProtocol.Ec2Query) => (500, "InternalError"),
            (AwsFault.ServerError, _) => (500, "InternalFailure"),
            (AwsFault.SignatureMismatch, AwsProtocol.Query or AwsProtocol.Ec2Query) => (403, "SignatureDoesNotMatch"),
            (AwsFault.SignatureMismatch, _) => (403, "InvalidSignatureException"),
            (AwsFault.AccessDenied, AwsProtocol.Query) => (403, "AccessDenied"),
            (AwsFault.AccessDenied, AwsProtocol.Ec2Query) => (403, "UnauthorizedOperation"),
            _ => (403, "AccessDeniedException"),
        };
        var message = fault switch
        {
            AwsFault.Throttling => "Rate exceeded",
            AwsFault.ServerError => "An internal error occurred (injected by the test)",
            AwsFault.SignatureMismatch =>
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. " +
                "Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'POST\n/\n\n" +
                $"host:{request.Service}.amazonaws.com\nx-amz-date:20261201T000000Z\nx-amz-security-token:{request.SecurityToken}\n\nhost;x-amz-date;x-amz-security-token'",
            _ => $"User: {request.Principal.Arn} is not authorized to perform: {request.Service}:{request.Operation}",
        };
        return AwsAnswer.Error(request.Protocol, request.RequestId, status, code, message) with { RetryAfter = retryAfter };
    }
}
