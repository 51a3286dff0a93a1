using ChatOpsJit.Aws.Inventory;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Host.Tests.Aws;

/// <summary>Which grantor the host runs: the sandbox by default, AWS once Regions are set; a mix stops start-up in one line each.</summary>
public sealed class AwsStartupTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TempFolder();

    [TearDown]
    public void Delete() => folder.Dispose();

    private static readonly string[] Aws =
    [
        "--Aws:Regions:0=eu-west-1", "--Aws:Accounts:0:Id=111122223333", "--Aws:Accounts:0:TokenRoleArn=arn:aws:iam::111122223333:role/ChatOpsJitToken",
    ];

    private (WebApplication? App, StartupConfigurationException? Error) Build(params string[] settings)
    {
        try
        {
            return (ChatOpsJitApp.Build([$"--Storage:ConnectionString=Data Source={folder.File("chatopsjit.db")}", "--Logging:LogLevel:Default=None", .. settings]), null);
        }
        catch (StartupConfigurationException e)
        {
            return (null, e);
        }
    }

    [Test]
    public async Task Without_AWS_settings_the_sandbox_supplies_nodes_and_grants()
    {
        var (app, error) = Build();
        await using var _ = app;

        Assert.That(error, Is.Null);
        Assert.That(app!.Services.GetRequiredService<INodeInventory>(), Is.TypeOf<SandboxInventory>());
        Assert.That(app.Services.GetRequiredService<IAccessGrantor>(), Is.TypeOf<SandboxGrantor>());
    }

    [Test]
    public async Task With_AWS_regions_and_accounts_the_sandbox_stands_aside_for_Systems_Manager_and_STS()
    {
        var (app, error) = Build(Aws);
        await using var _ = app;

        Assert.That(error, Is.Null);
        Assert.That(app!.Services.GetRequiredService<INodeInventory>(), Is.TypeOf<SsmInventory>());
        Assert.That(app.Services.GetRequiredService<IAccessGrantor>(), Is.TypeOf<ChatOpsJit.Aws.Grants.AwsGrantor>());
        Assert.That(app.Services.GetService<SandboxGrantor>(), Is.Null);
    }

    [Test]
    public void The_sandbox_switched_on_beside_AWS_stops_start_up_in_one_line()
    {
        var (_, error) = Build([.. Aws, "--Sandbox:Enabled=true"]);

        Assert.That(error?.Problems, Is.EqualTo(new[] { "Sandbox:Enabled=true and Aws:Regions both supply nodes and grants; remove Sandbox:Enabled or Aws:Regions." }));
    }

    [Test]
    public void A_token_account_without_its_role_and_a_bad_region_are_each_one_line()
    {
        var (_, error) = Build("--Aws:Regions:0=eu-west", "--Aws:Accounts:0:Id=111122223333");

        Assert.That(error?.Problems, Is.EquivalentTo(new[]
        {
            "Aws:Regions: 'eu-west' is not a Region name; write it like eu-west-1.",
            "Aws:Accounts:0:TokenRoleArn is missing: token grants assume it, e.g. arn:aws:iam::111122223333:role/ChatOpsJitToken.",
        }));
    }

    [Test]
    public void A_grant_mode_that_is_not_one_stops_start_up_naming_the_key()
    {
        var (_, error) = Build([.. Aws, "--Aws:Accounts:0:Grants=jitna"]);

        Assert.That(error?.Problems, Is.EqualTo(new[] { "Aws:Accounts:0:Grants must be token or bridge, e.g. Aws:Accounts:0:Grants=token; got 'jitna'." }));
    }
}
