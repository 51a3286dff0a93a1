using System.Net;
using ChatOpsJit.Cli.Commands;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Policies;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>What an operator relies on: health endpoints, the audit verifier and policy reloading.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OperationsTests
{
    [Test]
    public async Task Healthz_is_live_and_readyz_reports_store_and_policies()
    {
        await using var host = await TestHost.StartAsync();

        var live = await host.Http.GetAsync("/healthz");
        var ready = await host.Http.GetStringAsync("/readyz");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready, Does.Contain("\"store\":{\"status\":\"Healthy\"").And.Contain("policies loaded (3 manual, 3 Cedar statements)"));
    }

    [Test]
    public async Task Audit_verify_passes_on_the_flow_data_and_fails_when_one_row_is_edited()
    {
        var options = new TestHostOptions();
        await using (var host = await TestHost.StartAsync(options))
        {
            var id = await Flow.RequestWeb1Async(host);
            await host.ActionAsync(Flow.Approver, "approve", id);
            await Flow.WaitForStateAsync(host, id, AccessRequestState.Active);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var intact = await AuditCommands.RunAsync(["verify", "--db", options.DatabaseFile], output, error);
        Assert.That(intact, Is.Zero, error.ToString());
        Assert.That(output.ToString(), Does.StartWith("audit chain intact: 3 records"));

        await using (var connection = new SqliteConnection($"Data Source={options.DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit_log SET actor = 'mallory@example.com' WHERE seq = 2";
            Assert.That(await edit.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        error = new StringWriter();
        var broken = await AuditCommands.RunAsync(["verify", "--db", options.DatabaseFile], new StringWriter(), error);
        Assert.That(broken, Is.EqualTo(AuditCommands.Broken));
        Assert.That(error.ToString(), Does.StartWith("audit chain BROKEN at record 2: record 2 (request.approved, ").And.Contain("was changed after it was written"));
    }

    [Test]
    public async Task Requests_list_shows_the_flow_requests()
    {
        var options = new TestHostOptions();
        await using (var host = await TestHost.StartAsync(options))
        {
            await Flow.RequestWeb1Async(host);
        }

        var output = new StringWriter();
        var code = await RequestCommands.RunAsync(["list", "--state", "pending", "--db", options.DatabaseFile], output, new StringWriter());

        Assert.That(code, Is.Zero);
        Assert.That(output.ToString(), Does.Contain("Pending").And.Contain("dev@example.com").And.Contain("1 request(s)"));
    }

    [Test]
    public async Task An_invalid_policy_change_keeps_the_last_good_set_and_a_valid_one_is_picked_up()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatopsjit-tests", Guid.NewGuid().ToString("N"));
        var policies = TestDirectories.CopyOfSamplePolicies(folder);
        await using var host = await TestHost.StartAsync(o => o.PoliciesFolder = policies);
        var holder = host.Get<PolicyHolder>();
        var good = holder.Current;

        await File.WriteAllTextAsync(Path.Combine(policies, "manual", "broken.yaml"), "name: broken\ntargets:\n  tags:\n    Environment: production\nlevels: []\n");
        await WaitAsync(() => holder.LastError is not null, "the invalid change to be rejected");
        Assert.That(holder.Current, Is.SameAs(good), "the last good set stays in force");
        Assert.That(holder.LastError, Does.Contain("broken.yaml"));
        var (stillWorks, _) = await host.CommandAsync(Flow.Requester, "/access web-1 still decided by the good set");
        Assert.That(stillWorks.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The watcher may load the folder between the two deletes (three policies, valid); wait for the end state itself.
        File.Delete(Path.Combine(policies, "manual", "broken.yaml"));
        File.Delete(Path.Combine(policies, "manual", "everything-else.yaml"));
        await WaitAsync(() => holder.Current is { ManualPolicies.Count: 2 } && holder.LastError is null, "the two remaining manual policies to load");
        Assert.That(holder.Current!.ManualPolicies.Select(p => p.Name), Is.EquivalentTo(new[] { "production", "restricted-data" }));
        var (denied, body) = await host.CommandAsync(Flow.Requester, "/access onprem-build-1 no policy covers this now");
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.Error, Does.Contain("No auto-approval statement matched, and no manual policy applies to onprem-build-1"));
    }

    [TestCase(null, 30)]
    [TestCase("00:01:00", 65)]
    public async Task The_hosts_shutdown_timeout_leaves_room_for_the_workers_drain(string? drain, int seconds)
    {
        await using var host = await TestHost.StartAsync(o =>
        {
            if (drain is not null)
            {
                o.Settings["Workers:DrainTimeout"] = drain;
            }
        });

        Assert.That(host.Get<IOptions<HostOptions>>().Value.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void Invalid_configuration_lists_every_problem_before_anything_starts()
    {
        var e = Assert.ThrowsAsync<StartupConfigurationException>(() => TestHost.StartAsync(o =>
        {
            o.Settings["Storage:Provider"] = "oracle";
            o.NodesFile = "/nonexistent/nodes.yaml";
            o.Settings["Access:PendingTimeout"] = "00:00:00";
            o.Settings["Email:Security"] = "Tls13";
            o.Settings["Console:Enabled"] = "sometimes";
            o.Settings["Workers:Lease"] = "two minutes";
        }));

        Assert.That(e!.Problems, Has.Count.EqualTo(6), string.Join("\n", e.Problems));
        Assert.That(e.Problems, Has.Some.EqualTo("Email:Security: 'Tls13' is not valid; use one of Auto, StartTls, SslOnConnect, None."));
        Assert.That(e.Problems, Has.Some.EqualTo("Console:Enabled: 'sometimes' is not valid; use true or false."));
        Assert.That(e.Problems, Has.Some.EqualTo("Workers:Lease: 'two minutes' is not valid; use a time span like 00:15:00 (hh:mm:ss) or 7.00:00:00 (days)."));
        Assert.That(e.Problems, Has.Some.StartsWith("Storage:Provider must be 'sqlite'"));
        Assert.That(e.Problems, Has.Some.EqualTo("Sandbox:NodesFile: file '/nonexistent/nodes.yaml' does not exist."));
        Assert.That(e.Problems, Has.Some.EqualTo("Access:PendingTimeout: The field PendingTimeout must be between 00:01:00 and 30.00:00:00."));
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.That(condition(), Is.True, $"timed out waiting for {what}");
    }
}
