using ChatOpsJit.Cli.Commands;

namespace ChatOpsJit.Cli.Tests.Policy;

public sealed class PolicyAuthorizeArgsTests
{
    [Test]
    public void ParsesTheCedarCliFlags()
    {
        var args = PolicyAuthorizeArgs.Parse(
            ["--policies", "p.cedar", "--entities", "e.json", "--principal", "User::\"alice\"", "-a", "Action::\"view\"", "--resource=Photo::\"x\"", "-c", "ctx.json"],
            out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(args, Is.EqualTo(new PolicyAuthorizeArgs("p.cedar", "e.json", "User::\"alice\"", "Action::\"view\"", "Photo::\"x\"", "ctx.json", null)));
        Assert.That(args!.IsBatch, Is.False);
    }

    [Test]
    public void ParsesBatchMode()
    {
        var args = PolicyAuthorizeArgs.Parse(["--policies", "p.cedar", "--batch", "-"], out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(args!.IsBatch, Is.True);
        Assert.That(args.Batch, Is.EqualTo("-"));
    }

    [TestCase(new[] { "--entities", "e.json" }, "missing required option '--policies FILE'")]
    [TestCase(new[] { "--policies", "p.cedar", "--entities", "e.json", "--principal", "User::\"a\"", "--action", "Action::\"v\"" }, "missing required option '--resource'")]
    [TestCase(new[] { "--policies", "p.cedar", "--bogus", "x" }, "unknown option '--bogus'")]
    [TestCase(new[] { "--policies" }, "option '--policies' needs a value")]
    [TestCase(new[] { "--policies", "a", "--policies", "b" }, "option '--policies' given more than once")]
    [TestCase(new[] { "--policies", "p.cedar", "--batch", "b.jsonl", "--principal", "User::\"a\"" }, "option '--principal' cannot be combined with '--batch'")]
    public void RejectsBadFlags(string[] argv, string expected)
    {
        var args = PolicyAuthorizeArgs.Parse(argv, out var problem);

        Assert.That(args, Is.Null);
        Assert.That(problem, Does.StartWith(expected));
    }
}
