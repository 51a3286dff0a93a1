using ChatOpsJit.Deployment.Tests.Support;

namespace ChatOpsJit.Deployment.Tests.Helm;

/// <summary>
/// The real kubectl reads the rendered manifests without a cluster: <c>label --local</c> maps every object to a kind it
/// knows, and <c>set env --local --list</c> decodes the pod template into Kubernetes' typed objects (a wrong type or a
/// malformed quantity is an error). <c>apply --dry-run=client</c> cannot be used: it asks a server for the API's discovery.
/// </summary>
public sealed class KubectlReadTests
{
    private static readonly object[] ValueSets = [new object[] { "default" }, new object[] { "full" }];

    private static Task<Rendered> Render(string values) =>
        values == "full" ? HelmChart.RenderAsync([HelmChart.FullValues]) : HelmChart.RenderAsync();

    [TestCaseSource(nameof(ValueSets))]
    public async Task Kubectl_recognises_every_rendered_object(string values)
    {
        var rendered = await Render(values);

        var (exit, stdout, stderr) = await HelmChart.RunKubectlAsync(rendered.Text, "label", "--local", "-f", "-", "checked=yes", "-o", "name");

        Assert.That(exit, Is.EqualTo(0), stderr);
        var names = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Split('/').Last()).ToList();
        Assert.That(names, Is.EquivalentTo(rendered.Objects.Select(o => o.Text("metadata.name"))));
    }

    [TestCaseSource(nameof(ValueSets))]
    public async Task Kubectl_decodes_the_pod_template_into_typed_objects(string values)
    {
        var rendered = await Render(values);

        var (exit, stdout, stderr) = await HelmChart.RunKubectlAsync(rendered.Text, "set", "env", "--local", "-f", "-", "--list");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain($"# Deployment {HelmChart.FullName}, container chatopsjit"));
        Assert.That(stdout, Does.Contain("Urls=http://+:8080"));
    }

    [Test]
    public async Task Kubectl_refuses_a_pod_template_with_a_malformed_quantity()
    {
        var rendered = await HelmChart.RenderAsync(null, "resources.limits.memory=lots");

        var (exit, _, stderr) = await HelmChart.RunKubectlAsync(rendered.Text, "set", "env", "--local", "-f", "-", "--list");

        Assert.That(exit, Is.Not.EqualTo(0));
        Assert.That(stderr, Does.Contain("quantities must match the regular expression"));
    }
}
