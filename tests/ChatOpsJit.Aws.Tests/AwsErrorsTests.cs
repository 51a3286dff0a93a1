namespace ChatOpsJit.Aws.Tests;

/// <summary>AWS error text is cut down to what is safe to log, store and show.</summary>
public sealed class AwsErrorsTests
{
    private const string Token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN";

    [TestCase("InvalidSignatureException")]
    [TestCase("SignatureDoesNotMatch")]
    [TestCase("IncompleteSignature")]
    public void A_signature_error_keeps_only_its_code(string code)
    {
        var text = AwsErrors.Safe(code, $"The request signature we calculated does not match.\n\nThe Canonical String for this request should have been\n'x-amz-security-token:{Token}'");

        Assert.That(text, Does.StartWith(code + ": AWS refused the request's signature"));
        Assert.That(text, Does.Not.Contain(Token).And.Not.Contain("Canonical"));
    }

    [Test]
    public void Any_other_error_keeps_its_first_line_before_a_canonical_string()
    {
        var text = AwsErrors.Safe("AccessDeniedException", $"User: arn:aws:sts::1:assumed-role/r/s is not authorized. The Canonical String was 'x-amz-security-token:{Token}'\nsecond line");

        Assert.That(text, Is.EqualTo("AccessDeniedException: User: arn:aws:sts::1:assumed-role/r/s is not authorized."));
    }

    [Test]
    public void A_long_message_is_cut_to_200_characters()
    {
        var text = AwsErrors.Safe(null, new string('x', 500));

        Assert.That(text, Is.EqualTo(new string('x', 200) + "…"));
    }
}
