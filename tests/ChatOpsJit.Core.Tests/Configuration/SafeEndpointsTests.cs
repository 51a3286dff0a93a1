using ChatOpsJit.Core.Configuration;

namespace ChatOpsJit.Core.Tests.Configuration;

/// <summary>Secrets travel encrypted, except to a stand-in on this machine.</summary>
public sealed class SafeEndpointsTests
{
    [TestCase("https://slack.com/api/", true)]
    [TestCase("wss://wss-primary.slack.com/link", true)]
    [TestCase("http://127.0.0.1:4566/", true)]
    [TestCase("ws://localhost:8080/socket", true)]
    [TestCase("http://[::1]:9000/", true)]
    [TestCase("http://hooks.slack.com/actions/T1/1/x", false)]
    [TestCase("ws://wss-primary.slack.com/link", false)]
    [TestCase("ftp://127.0.0.1/", false)]
    public void Only_encrypted_addresses_or_loopback_ones_are_safe(string url, bool safe) =>
        Assert.That(SafeEndpoints.IsSecureOrLoopback(new Uri(url)), Is.EqualTo(safe));
}
