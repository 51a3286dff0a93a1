using ChatOpsJit.Cli.Commands;

namespace ChatOpsJit.Cli.Tests.Policy;

public sealed class EntityUidTextTests
{
    [TestCase("User::\"alice\"", "User", "alice")]
    [TestCase("AWS::SSM::Action::\"getTokenForInstanceAccess\"", "AWS::SSM::Action", "getTokenForInstanceAccess")]
    [TestCase("User::\"\"", "User", "")]
    [TestCase("User::\"a\\\"b\\\\c\\n\\u{e9}\"", "User", "a\"b\\c\né")]
    [TestCase("NS :: Thing :: \"x\"", "NS::Thing", "x")]
    public void ParsesCedarUids(string text, string type, string id)
    {
        Assert.That(EntityUidText.TryParse(text, out var t, out var i, out var problem), Is.True, problem);
        Assert.That((t, i), Is.EqualTo((type, id)));
    }

    [TestCase("alice")]
    [TestCase("User::alice")]
    [TestCase("User:\"alice\"")]
    [TestCase("::\"alice\"")]
    [TestCase("1User::\"alice\"")]
    [TestCase("User::\"a\"b\"")]
    [TestCase("User::\"bad \\q escape\"")]
    public void RejectsNonUids(string text)
    {
        Assert.That(EntityUidText.TryParse(text, out _, out _, out var problem), Is.False);
        Assert.That(problem, Is.Not.Null.And.Not.Empty);
    }
}
