namespace ChatOpsJit.Testing.Aws;

/// <summary>The wire dialects the stand-in speaks; each writes its answers and errors its own way.</summary>
internal enum AwsProtocol
{
    /// <summary>SSM: X-Amz-Target, JSON bodies, errors as {"__type","message"}.</summary>
    Json11,

    /// <summary>STS: form POST with Action and Version, XML answers, errors in an ErrorResponse.</summary>
    Query,

    /// <summary>EC2: the query protocol with EC2's own XML (lowercase names, items, errors in Response/Errors).</summary>
    Ec2Query,

    /// <summary>SES v2: REST paths, JSON bodies, the error type in the x-amzn-ErrorType header.</summary>
    RestJson,
}
