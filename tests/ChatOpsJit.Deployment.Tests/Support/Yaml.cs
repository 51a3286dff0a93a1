using YamlDotNet.RepresentationModel;

namespace ChatOpsJit.Deployment.Tests.Support;

/// <summary>Reads parsed YAML the way the checks ask for it: documents, dotted paths, scalars, lists.</summary>
internal static class Yaml
{
    /// <summary>Every non-empty document of a (multi-document) YAML text, as mappings.</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Where(m => m.Children.Count > 0).ToList();
    }

    public static YamlMappingNode Document(string text) => Documents(text).Single();

    /// <summary>The node at a dotted path (<c>spec.template.spec</c>), or null where a step is missing.</summary>
    public static YamlNode? At(this YamlNode node, string path)
    {
        YamlNode? current = node;
        foreach (var step in path.Split('.'))
        {
            current = current is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(step), out var next) ? next : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public static YamlMappingNode Map(this YamlNode node, string path) =>
        node.At(path) as YamlMappingNode ?? throw new AssertionException($"no mapping at '{path}'");

    public static IReadOnlyList<YamlNode> List(this YamlNode node, string path) =>
        (node.At(path) as YamlSequenceNode)?.Children.ToList() ?? throw new AssertionException($"no list at '{path}'");

    /// <summary>The scalar at a path, or null when missing.</summary>
    public static string? Text(this YamlNode node, string path) => (node.At(path) as YamlScalarNode)?.Value;

    /// <summary>A mapping of scalars as a dictionary (labels, selectors, annotations).</summary>
    public static IReadOnlyDictionary<string, string> Strings(this YamlNode node, string path) =>
        node.Map(path).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");

    /// <summary>The scalars of a list.</summary>
    public static IReadOnlyList<string> Texts(this YamlNode node, string path) =>
        node.List(path).Select(n => ((YamlScalarNode)n).Value ?? "").ToList();
}
