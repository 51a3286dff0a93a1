using ChatOpsJit.Core.Requests;
using YamlDotNet.RepresentationModel;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>Typed reads that record a located problem instead of throwing.</summary>
internal sealed class YamlPolicyReader(string file, List<PolicyProblem> problems)
{
    public void Problem(YamlNode node, string message) =>
        problems.Add(new PolicyProblem(file, (int)node.Start.Line, (int)node.Start.Column, message));

    public string? OptionalString(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    public string? RequiredString(YamlMappingNode map, string key)
    {
        var value = OptionalString(map, key);
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(map, $"missing '{key}'");
            return null;
        }

        return value.Trim();
    }

    public int Integer(YamlMappingNode map, string key, int fallback)
    {
        var text = OptionalString(map, key);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, out var value))
        {
            return value;
        }

        Problem(map.Children[new YamlScalarNode(key)], $"'{key}' must be a whole number, not '{text}'");
        return fallback;
    }

    public TimeSpan Duration(YamlMappingNode map, string key, TimeSpan fallback)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return fallback;
        }

        var text = (node as YamlScalarNode)?.Value;
        if (int.TryParse(text, out var hours))
        {
            text = hours + "h"; // JITNA counts access duration in hours.
        }

        if (!DurationText.TryParse(text, out var duration) || duration < ManualPolicyLimits.MinDuration || duration > ManualPolicyLimits.MaxDuration)
        {
            Problem(node, $"'{key}' must be a duration from 1m to 336h, like '1h' or '90m', not '{text}'");
            return fallback;
        }

        return duration;
    }

    public IReadOnlyList<string> StringList(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        if (node is YamlSequenceNode list)
        {
            return list.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0).ToList();
        }

        return node is YamlScalarNode { Value: { Length: > 0 } one } ? [one.Trim()] : [];
    }
}
