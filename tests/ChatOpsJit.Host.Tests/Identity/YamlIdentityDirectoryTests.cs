using ChatOpsJit.Host.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsJit.Host.Tests.Identity;

public sealed class YamlIdentityDirectoryTests
{
    private const string TwoUsers = """
        users:
          - email: dev@example.com
            displayName: Dana Developer
            identityCenterId: id-1
            groups: [developers]
            attributes: { costCenter: cc-100 }
            principalTags: { Team: web }
          - email: Lead@Example.com
            identityCenterId: id-2
            groups: [sre-leads]
        groups:
          - name: developers
          - name: sre-leads
        """;

    private TempFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TempFolder();

    [TearDown]
    public void Delete() => folder.Dispose();

    private YamlIdentityDirectory Directory(string yaml) => new(folder.Write("directory.yaml", yaml), NullLogger<YamlIdentityDirectory>.Instance);

    [TestCase("dev@example.com")]
    [TestCase("DEV@EXAMPLE.COM")]
    [TestCase("Dev@Example.Com")]
    public async Task Finds_a_user_by_email_case_insensitively(string email)
    {
        var user = await Directory(TwoUsers).FindAsync(email);

        Assert.That(user, Is.Not.Null);
        Assert.That(user!.Email, Is.EqualTo("dev@example.com"));
        Assert.That(user.DisplayName, Is.EqualTo("Dana Developer"));
        Assert.That(user.IdentityCenterId, Is.EqualTo("id-1"));
        Assert.That(user.Groups, Is.EqualTo(new[] { "developers" }));
        Assert.That(user.Attributes["costCenter"], Is.EqualTo("cc-100"));
        Assert.That(user.PrincipalTags["Team"], Is.EqualTo("web"));
    }

    [Test]
    public async Task A_user_without_a_display_name_is_shown_by_email()
    {
        var user = await Directory(TwoUsers).FindAsync("lead@example.com");

        Assert.That(user!.DisplayName, Is.EqualTo("Lead@Example.com"));
    }

    [Test]
    public async Task An_unknown_email_is_null()
    {
        Assert.That(await Directory(TwoUsers).FindAsync("stranger@example.com"), Is.Null);
    }

    [Test]
    public async Task Lists_every_user_ordered_by_email()
    {
        var users = await Directory(TwoUsers).ListAsync();

        Assert.That(users.Select(u => u.Email), Is.EqualTo(new[] { "Lead@Example.com", "dev@example.com" }));
    }

    [Test]
    public void A_user_listed_twice_differing_only_in_case_is_an_error_naming_them()
    {
        var directory = Directory("""
            users:
              - email: dev@example.com
              - email: DEV@example.com
            """);

        var error = Assert.ThrowsAsync<FormatException>(async () => await directory.FindAsync("dev@example.com"));
        Assert.That(error!.Message, Is.EqualTo("user DEV@example.com is listed twice"));
    }

    [Test]
    public void A_user_without_a_valid_email_is_an_error()
    {
        var directory = Directory("""
            users:
              - email: not-an-address
            """);

        var error = Assert.ThrowsAsync<FormatException>(async () => await directory.FindAsync("x@example.com"));
        Assert.That(error!.Message, Does.Contain("'not-an-address'"));
    }

    [Test]
    public void An_unknown_key_is_an_error()
    {
        var directory = Directory("""
            users:
              - email: dev@example.com
                favouriteColour: blue
            """);

        Assert.CatchAsync<Exception>(async () => await directory.FindAsync("dev@example.com"));
    }

    [Test]
    public async Task A_user_removed_from_the_file_is_gone_at_the_next_lookup()
    {
        var directory = Directory(TwoUsers);
        Assert.That(await directory.FindAsync("lead@example.com"), Is.Not.Null);
        Assert.That(await directory.ListAsync(), Has.Count.EqualTo(2));

        folder.Write("directory.yaml", """
            users:
              - email: dev@example.com
            """);

        Assert.That(await directory.FindAsync("lead@example.com"), Is.Null);
        Assert.That(await directory.FindAsync("dev@example.com"), Is.Not.Null);
        // The list is sorted once per read of the file, so it must follow the same reload.
        Assert.That((await directory.ListAsync()).Select(u => u.Email), Is.EqualTo(new[] { "dev@example.com" }));
    }

    [Test]
    public async Task A_group_change_is_in_force_at_the_next_lookup()
    {
        var directory = Directory(TwoUsers);
        Assert.That((await directory.FindAsync("dev@example.com"))!.IsIn("sre-leads"), Is.False);

        folder.Write("directory.yaml", TwoUsers.Replace("groups: [developers]", "groups: [developers, sre-leads]", StringComparison.Ordinal));

        Assert.That((await directory.FindAsync("dev@example.com"))!.IsIn("sre-leads"), Is.True);
    }

    [TestCase("users:\n  - email: dev@example.com\n  - email: DEV@example.com\n", TestName = "An edit listing a user twice keeps the last good directory")]
    [TestCase("users:\n  - email: no-at-sign\n", TestName = "An edit with an invalid email keeps the last good directory")]
    [TestCase("users: [\n", TestName = "An edit that is not YAML keeps the last good directory")]
    [TestCase("users:\n  - email: dev@example.com\n    shoeSize: 9\n", TestName = "An edit with an unknown key keeps the last good directory")]
    [TestCase("users:\n  -\n  - email: dev@example.com\n", TestName = "An edit with an empty user entry keeps the last good directory")]
    [TestCase("users:\n", TestName = "An edit with an empty users list keeps the last good directory")]
    public async Task A_bad_edit_keeps_the_last_good_directory(string badYaml)
    {
        var directory = Directory(TwoUsers);
        Assert.That(await directory.FindAsync("lead@example.com"), Is.Not.Null);

        folder.Write("directory.yaml", badYaml);

        Assert.That(await directory.FindAsync("lead@example.com"), Is.Not.Null);
        Assert.That(await directory.ListAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public void An_empty_user_entry_at_first_load_is_a_clear_format_error()
    {
        var directory = Directory("users:\n  -\n");

        var error = Assert.ThrowsAsync<FormatException>(async () => await directory.FindAsync("dev@example.com"));
        Assert.That(error!.Message, Does.Contain("user"));
    }
}
