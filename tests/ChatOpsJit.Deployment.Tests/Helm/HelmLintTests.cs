using ChatOpsJit.Deployment.Tests.Support;

namespace ChatOpsJit.Deployment.Tests.Helm;

/// <summary><c>helm lint --strict</c> of the chart, as shipped and with every switch on.</summary>
public sealed class HelmLintTests
{
    [Test]
    public async Task The_chart_lints_clean_with_its_default_values()
    {
        var (exit, stdout, stderr) = await HelmChart.RunHelmAsync("lint", "--strict", ".");

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("1 chart(s) linted, 0 chart(s) failed"));
    }

    [Test]
    public async Task The_chart_lints_clean_with_the_full_values()
    {
        var (exit, stdout, stderr) = await HelmChart.RunHelmAsync("lint", "--strict", ".", "-f", HelmChart.FullValues);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("1 chart(s) linted, 0 chart(s) failed"));
    }
}
