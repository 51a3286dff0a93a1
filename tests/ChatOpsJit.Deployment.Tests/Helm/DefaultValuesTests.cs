using ChatOpsJit.Deployment.Tests.Support;

namespace ChatOpsJit.Deployment.Tests.Helm;

/// <summary><c>helm template</c> with the chart's own values: one SQLite pod, nothing secret, locked down.</summary>
public sealed class DefaultValuesTests
{
    private Rendered rendered = null!;

    [OneTimeSetUp]
    public async Task Render() => rendered = await HelmChart.RenderAsync();

    [Test]
    public void It_renders_a_Deployment_Service_ServiceAccount_and_PodDisruptionBudget_only()
    {
        Assert.That(rendered.Kinds, Is.EqualTo(new[] { "Deployment", "PodDisruptionBudget", "Service", "ServiceAccount" }));
    }

    [Test]
    public void One_replica_on_sqlite_is_replaced_by_recreating_it()
    {
        Assert.That(rendered.Deployment.Text("spec.replicas"), Is.EqualTo("1"));
        Assert.That(rendered.Deployment.Text("spec.strategy.type"), Is.EqualTo("Recreate"));
        Assert.That(rendered.EnvValue("Storage__Provider"), Is.EqualTo("sqlite"));
        // The image's own connection string (/data/chatopsjit.db) stands.
        Assert.That(rendered.Env.Keys, Has.No.Member("Storage__ConnectionString"));
    }

    [Test]
    public void Liveness_asks_healthz_and_readiness_readyz_on_the_container_port_8080()
    {
        var container = rendered.Container;
        var port = (YamlDotNet.RepresentationModel.YamlMappingNode)container.List("ports").Single();

        Assert.That(port.Text("name"), Is.EqualTo("http"));
        Assert.That(port.Text("containerPort"), Is.EqualTo("8080"));
        Assert.That(container.Text("livenessProbe.httpGet.path"), Is.EqualTo("/healthz"));
        Assert.That(container.Text("livenessProbe.httpGet.port"), Is.EqualTo("http"));
        Assert.That(container.Text("readinessProbe.httpGet.path"), Is.EqualTo("/readyz"));
        Assert.That(container.Text("readinessProbe.httpGet.port"), Is.EqualTo("http"));
        Assert.That(rendered.EnvValue("Urls"), Is.EqualTo("http://+:8080"));
    }

    [Test]
    public void A_stopping_pod_is_given_longer_than_the_workers_drain_timeout()
    {
        // Workers:DrainTimeout defaults to 10 s; killed sooner, a pod would leave posts it had sent unmarked, to be sent again.
        Assert.That(int.Parse(rendered.PodSpec.Text("terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(10));
    }

    [Test]
    public void The_container_has_cpu_and_memory_requests_and_limits()
    {
        var resources = rendered.Container;

        Assert.That(resources.Text("resources.requests.cpu"), Is.EqualTo("100m"));
        Assert.That(resources.Text("resources.requests.memory"), Is.EqualTo("192Mi"));
        Assert.That(resources.Text("resources.limits.cpu"), Is.EqualTo("1"));
        Assert.That(resources.Text("resources.limits.memory"), Is.EqualTo("512Mi"));
    }

    [Test]
    public void The_pod_runs_as_a_numeric_non_root_user_with_the_default_seccomp_profile()
    {
        var pod = rendered.PodSpec;

        Assert.That(pod.Text("securityContext.runAsNonRoot"), Is.EqualTo("true"));
        Assert.That(int.Parse(pod.Text("securityContext.runAsUser")!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
        Assert.That(pod.Text("securityContext.seccompProfile.type"), Is.EqualTo("RuntimeDefault"));
        Assert.That(pod.Text("securityContext.fsGroupChangePolicy"), Is.EqualTo("OnRootMismatch"));
    }

    [Test]
    public void The_container_has_a_read_only_root_no_privilege_escalation_and_no_capabilities()
    {
        var security = rendered.Container.Map("securityContext");

        Assert.That(security.Text("runAsNonRoot"), Is.EqualTo("true"));
        Assert.That(security.Text("readOnlyRootFilesystem"), Is.EqualTo("true"));
        Assert.That(security.Text("allowPrivilegeEscalation"), Is.EqualTo("false"));
        Assert.That(security.Text("privileged"), Is.EqualTo("false"));
        Assert.That(security.Texts("capabilities.drop"), Is.EqualTo(new[] { "ALL" }));
        Assert.That(security.At("capabilities.add"), Is.Null);
    }

    [Test]
    public void Only_data_and_tmp_are_mounted_writable_both_on_emptyDirs()
    {
        var mounts = rendered.Container.List("volumeMounts").Cast<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .ToDictionary(m => m.Text("name")!, m => m.Text("mountPath"));
        var volumes = rendered.PodSpec.List("volumes").Cast<YamlDotNet.RepresentationModel.YamlMappingNode>().ToDictionary(v => v.Text("name")!);

        Assert.That(mounts, Is.EquivalentTo(new Dictionary<string, string?> { ["data"] = "/data", ["tmp"] = "/tmp" }));
        Assert.That(volumes["data"].At("emptyDir"), Is.Not.Null);
        Assert.That(volumes["tmp"].Text("emptyDir.medium"), Is.EqualTo("Memory"));
    }

    [Test]
    public void The_disruption_budget_and_the_service_select_exactly_the_deployments_pods()
    {
        var podLabels = rendered.Deployment.Strings("spec.template.metadata.labels");
        var deploymentSelector = rendered.Deployment.Strings("spec.selector.matchLabels");
        var pdbSelector = rendered.One("PodDisruptionBudget").Strings("spec.selector.matchLabels");
        var serviceSelector = rendered.One("Service").Strings("spec.selector");

        Assert.That(pdbSelector, Is.EquivalentTo(deploymentSelector));
        Assert.That(serviceSelector, Is.EquivalentTo(deploymentSelector));
        Assert.That(pdbSelector, Is.SubsetOf(podLabels));
        Assert.That(rendered.One("PodDisruptionBudget").Text("spec.maxUnavailable"), Is.EqualTo("1"));
    }

    [Test]
    public void The_service_sends_port_80_to_the_pods_http_port()
    {
        var port = (YamlDotNet.RepresentationModel.YamlMappingNode)rendered.One("Service").List("spec.ports").Single();

        Assert.That(port.Text("port"), Is.EqualTo("80"));
        Assert.That(port.Text("targetPort"), Is.EqualTo("http"));
    }

    [Test]
    public void No_secret_is_rendered_and_no_env_reads_one_when_none_is_configured()
    {
        Assert.That(rendered.OfKind("Secret"), Is.Empty);
        Assert.That(rendered.Env.Values.Where(e => e.At("valueFrom") is not null).Select(e => e.Text("name")), Is.Empty);
    }

    [Test]
    public void The_service_account_is_used_without_a_mounted_token_or_annotations()
    {
        var account = rendered.One("ServiceAccount");

        Assert.That(rendered.PodSpec.Text("serviceAccountName"), Is.EqualTo(account.Text("metadata.name")));
        Assert.That(rendered.PodSpec.Text("automountServiceAccountToken"), Is.EqualTo("false"));
        Assert.That(account.At("metadata.annotations"), Is.Null);
    }
}
