namespace ChatOpsJit.Testing.Aws;

/// <summary>One request as the stand-in received and answered it.</summary>
/// <param name="Service">ssm, sts, ec2 or ses.</param>
/// <param name="Operation">DescribeInstanceInformation, AssumeRole, DescribeTags, SendEmail…</param>
/// <param name="Region">The Region of the signature's credential scope; null when unsigned.</param>
/// <param name="Account">The account the caller acts in; null when it was not authenticated.</param>
/// <param name="Body">The request body as text (JSON or form).</param>
/// <param name="Refused">True when the call was turned away before the operation ran: a signature problem or an injected fault.</param>
/// <param name="Reason">Why it was refused or failed ("SignatureDoesNotMatch: …"); null on success.</param>
/// <param name="ErrorCode">The error code answered, refused or not; null on success.</param>
public sealed record AwsCall(
    int Sequence,
    string Service,
    string Operation,
    string? Region,
    string? Account,
    string? AccessKeyId,
    string Body,
    bool Refused,
    string? Reason,
    int StatusCode,
    string? ErrorCode,
    DateTimeOffset ReceivedAt)
{
    public bool Succeeded => ErrorCode is null;

    public override string ToString() =>
        $"#{Sequence} {Service}:{Operation} {Account ?? "-"}/{Region ?? "-"} → {StatusCode}{(ErrorCode is null ? "" : " " + ErrorCode)}";
}
