using ChatOpsJit.Deployment.Tests.Support;

namespace ChatOpsJit.Deployment.Tests.Helm;

/// <summary>Values that cannot work stop <c>helm template</c> with one line saying what to change; switches add and remove objects.</summary>
public sealed class ValueRulesTests
{
    private static async Task<string> Refusal(params string[] sets)
    {
        var (exit, stdout, stderr) = await HelmChart.RenderRawAsync(null, sets);
        Assert.That(exit, Is.Not.EqualTo(0), $"helm rendered what it should refuse:\n{stdout}");
        Assert.That(stdout, Is.Empty);
        return stderr;
    }

    [TestCase(2)]
    [TestCase(3)]
    public async Task More_than_one_replica_on_sqlite_is_refused_naming_postgres(int replicas)
    {
        var error = await Refusal($"replicaCount={replicas}");

        Assert.That(error, Does.Contain($"replicaCount={replicas} needs storage.provider=postgres: SQLite is one file on one pod's volume; " +
                                        "set storage.provider=postgres with storage.connectionString (or storage.existingSecret), or replicaCount=1"));
    }

    [Test]
    public async Task More_than_one_replica_on_postgres_renders()
    {
        var rendered = await HelmChart.RenderAsync(null, "replicaCount=2", "storage.provider=postgres", "storage.connectionString=Host=db", "audit.key=a2V5");

        Assert.That(rendered.Deployment.Text("spec.replicas"), Is.EqualTo("2"));
    }

    [Test]
    public async Task Postgres_without_a_connection_string_is_refused()
    {
        var error = await Refusal("storage.provider=postgres", "audit.key=a2V5");

        Assert.That(error, Does.Contain("storage.provider=postgres needs storage.connectionString (Host=…;Database=…;Username=…;Password=…) or storage.existingSecret"));
    }

    [Test]
    public async Task Postgres_without_an_audit_key_is_refused()
    {
        var error = await Refusal("storage.provider=postgres", "storage.connectionString=Host=db");

        Assert.That(error, Does.Contain("storage.provider=postgres needs audit.key (openssl rand -base64 32) or audit.existingSecret"));
    }

    [Test]
    public async Task An_unknown_store_is_refused()
    {
        var error = await Refusal("storage.provider=mysql");

        Assert.That(error, Does.Contain("storage.provider must be sqlite or postgres; got 'mysql'"));
    }

    [Test]
    public async Task One_ReadWriteOnce_volume_for_several_replicas_is_refused()
    {
        var error = await Refusal("replicaCount=2", "storage.provider=postgres", "storage.connectionString=Host=db", "audit.key=a2V5", "storage.persistence.enabled=true");

        Assert.That(error, Does.Contain("storage.persistence with ReadWriteOnce cannot be shared by several replicas"));
    }

    [Test]
    public async Task An_unknown_email_provider_is_refused()
    {
        var error = await Refusal("email.provider=sendmail");

        Assert.That(error, Does.Contain("email.provider must be smtp or ses; got 'sendmail'"));
    }

    [Test]
    public async Task The_ingress_is_rendered_only_when_enabled()
    {
        var off = await HelmChart.RenderAsync();
        var on = await HelmChart.RenderAsync(null, "ingress.enabled=true");

        Assert.That(off.OfKind("Ingress"), Is.Empty);
        Assert.That(on.One("Ingress").Text("metadata.name"), Is.EqualTo(HelmChart.FullName));
    }

    [Test]
    public async Task The_disruption_budget_can_be_switched_off()
    {
        var rendered = await HelmChart.RenderAsync(null, "podDisruptionBudget.enabled=false");

        Assert.That(rendered.OfKind("PodDisruptionBudget"), Is.Empty);
        Assert.That(rendered.OfKind("Deployment"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Persistence_renders_a_claim_and_mounts_it_at_data()
    {
        var rendered = await HelmChart.RenderAsync(null, "storage.persistence.enabled=true", "storage.persistence.size=5Gi");
        var claim = rendered.One("PersistentVolumeClaim");
        var data = rendered.PodSpec.List("volumes").Cast<YamlDotNet.RepresentationModel.YamlMappingNode>().Single(v => v.Text("name") == "data");

        Assert.That(claim.Text("spec.resources.requests.storage"), Is.EqualTo("5Gi"));
        Assert.That(data.Text("persistentVolumeClaim.claimName"), Is.EqualTo(claim.Text("metadata.name")));
    }

    [Test]
    public async Task An_existing_claim_is_mounted_and_no_claim_is_rendered()
    {
        var rendered = await HelmChart.RenderAsync(null, "storage.persistence.enabled=true", "storage.persistence.existingClaim=ops-data");
        var data = rendered.PodSpec.List("volumes").Cast<YamlDotNet.RepresentationModel.YamlMappingNode>().Single(v => v.Text("name") == "data");

        Assert.That(rendered.OfKind("PersistentVolumeClaim"), Is.Empty);
        Assert.That(data.Text("persistentVolumeClaim.claimName"), Is.EqualTo("ops-data"));
    }

    [Test]
    public async Task No_service_account_is_created_when_told_and_the_named_one_is_used()
    {
        var rendered = await HelmChart.RenderAsync(null, "serviceAccount.create=false", "serviceAccount.name=platform-bot");

        Assert.That(rendered.OfKind("ServiceAccount"), Is.Empty);
        Assert.That(rendered.PodSpec.Text("serviceAccountName"), Is.EqualTo("platform-bot"));
    }
}
