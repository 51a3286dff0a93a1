namespace ChatOpsJit.Storage.Tests.Stores;

[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class SandboxGrantStoreTests(string provider) : StoreTestBase(provider)
{
    private ISandboxGrantStore grants = null!;

    [SetUp]
    public void CreateStore() => grants = NewSandboxGrants();

    [Test]
    public async Task A_grant_reads_back_and_granting_it_again_changes_nothing()
    {
        await grants.GrantAsync("ar-00000001", "i-a", "ann@example.com", T0);
        await grants.GrantAsync("ar-00000001", "i-b", "bob@example.com", T0.AddMinutes(1));

        Assert.That(await grants.FindAsync("ar-00000001"), Is.EqualTo(new SandboxGrantRecord("ar-00000001", "i-a", "ann@example.com", T0, null, 0)));
        Assert.That(await grants.FindAsync("ar-00000002"), Is.Null);
    }

    [Test]
    public async Task Sessions_start_only_on_a_live_grant_for_its_holder_in_any_letter_case_and_are_numbered()
    {
        await grants.GrantAsync("ar-00000001", "i-a", "ann@example.com", T0);

        var first = await grants.StartSessionAsync("ar-00000001", "ANN@example.com", T0.AddMinutes(1));
        var second = await grants.StartSessionAsync("ar-00000001", "ann@example.com", T0.AddMinutes(2));

        Assert.That(first, Is.EqualTo("ann-ar-00000001-1"));
        Assert.That(second, Is.EqualTo("ann-ar-00000001-2"));
        Assert.That(await grants.StartSessionAsync("ar-00000001", "bob@example.com", T0.AddMinutes(3)), Is.Null, "not the holder");
        Assert.That(await grants.StartSessionAsync("ar-00000009", "ann@example.com", T0.AddMinutes(3)), Is.Null, "no such grant");
        Assert.That((await grants.FindAsync("ar-00000001"))!.LiveSessions, Is.EqualTo(2));
    }

    [Test]
    public async Task Withdrawing_ends_the_live_sessions_once_and_no_session_starts_after()
    {
        await grants.GrantAsync("ar-00000001", "i-a", "ann@example.com", T0);
        await grants.StartSessionAsync("ar-00000001", "ann@example.com", T0.AddMinutes(1));
        await grants.StartSessionAsync("ar-00000001", "ann@example.com", T0.AddMinutes(2));

        Assert.That(await grants.WithdrawAsync("ar-00000001", T0.AddHours(1)), Is.EqualTo(2));
        Assert.That(await grants.WithdrawAsync("ar-00000001", T0.AddHours(2)), Is.Zero, "the second time ends nothing");

        var withdrawn = await grants.FindAsync("ar-00000001");
        Assert.That(withdrawn!.WithdrawnAt, Is.EqualTo(T0.AddHours(1)), "the first withdrawal's time stands");
        Assert.That(withdrawn.LiveSessions, Is.Zero);
        Assert.That(await grants.StartSessionAsync("ar-00000001", "ann@example.com", T0.AddHours(3)), Is.Null);
    }
}
