using YamlDotNet.RepresentationModel;

namespace ChatOpsJit.Deployment.Tests.Support;

/// <summary>
/// The chart at deploy/helm/chatopsjit driven through the real helm and kubectl that tests/helm/install.sh unpacks
/// (./test.sh runs it) into tests/helm/bin.
/// </summary>
internal static class HelmChart
{
    public const string Release = "t";
    public const string FullName = "t-chatopsjit";

    public static string ChartFolder => Repository.Path("deploy", "helm", "chatopsjit");

    public static string FullValues => System.IO.Path.Combine(ChartFolder, "values.full.yaml");

    public static string Helm => Tool("helm");

    public static string Kubectl => Tool("kubectl");

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private static string Tool(string name)
    {
        var path = Repository.Path("tests", "helm", "bin", name);
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"{path} is missing: run tests/helm/install.sh (./test.sh does) to unpack helm and kubectl");
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunHelmAsync(params string[] arguments) =>
        ToolProcess.RunAsync(Helm, arguments, ChartFolder, "the chart check", Timeout);

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunKubectlAsync(string stdin, params string[] arguments) =>
        ToolProcess.RunAsync(Kubectl, arguments, ChartFolder, "kubectl's client-side read", Timeout, stdin);

    /// <summary><c>helm template</c> with the values files and <c>--set</c> pairs given; fails the test when helm refuses.</summary>
    public static async Task<Rendered> RenderAsync(IEnumerable<string>? valuesFiles = null, params string[] sets)
    {
        var (exit, stdout, stderr) = await RenderRawAsync(valuesFiles, sets).ConfigureAwait(false);
        Assert.That(exit, Is.EqualTo(0), $"helm template failed: {stderr}");
        return new Rendered(stdout, Yaml.Documents(stdout));
    }

    /// <summary><c>helm template</c> as it ran, for the checks that expect a refusal.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RenderRawAsync(IEnumerable<string>? valuesFiles = null, params string[] sets)
    {
        List<string> arguments = ["template", Release, "."];
        foreach (var file in valuesFiles ?? [])
        {
            arguments.AddRange(["-f", file]);
        }

        foreach (var set in sets)
        {
            arguments.AddRange(["--set", set]);
        }

        return RunHelmAsync([.. arguments]);
    }
}

/// <summary>What <c>helm template</c> printed, and the objects in it.</summary>
internal sealed record Rendered(string Text, IReadOnlyList<YamlMappingNode> Objects)
{
    public IReadOnlyList<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind).ToList();

    public YamlMappingNode One(string kind, string? name = null)
    {
        var matches = OfKind(kind).Where(o => name is null || o.Text("metadata.name") == name).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"expected one {kind}{(name is null ? "" : $" named {name}")}, rendered: {string.Join(", ", Objects.Select(o => $"{o.Text("kind")}/{o.Text("metadata.name")}"))}");
        return matches[0];
    }

    public IReadOnlyList<string> Kinds => Objects.Select(o => o.Text("kind") ?? "").Distinct().Order(StringComparer.Ordinal).ToList();

    public YamlMappingNode Deployment => One("Deployment");

    public YamlMappingNode PodSpec => Deployment.Map("spec.template.spec");

    public YamlMappingNode Container => (YamlMappingNode)PodSpec.List("containers").Single();

    /// <summary>The container's env entries by name.</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Env =>
        Container.List("env").Cast<YamlMappingNode>().ToDictionary(e => e.Text("name")!, e => e);

    /// <summary>The value a plain env entry sets, or null when it is missing or read from elsewhere.</summary>
    public string? EnvValue(string name) => Env.TryGetValue(name, out var entry) ? entry.Text("value") : null;

    /// <summary>(secret, key) an env entry reads, or null when it is not a secret reference.</summary>
    public (string Secret, string Key, bool Optional)? SecretRef(string name) =>
        Env.TryGetValue(name, out var entry) && entry.At("valueFrom.secretKeyRef") is YamlMappingNode reference
            ? (reference.Text("name")!, reference.Text("key")!, reference.Text("optional") == "true")
            : null;

    /// <summary>A rendered Secret's data, decoded.</summary>
    public IReadOnlyDictionary<string, string> SecretData(string name) =>
        One("Secret", name).Strings("data").ToDictionary(e => e.Key, e => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(e.Value)));
}
