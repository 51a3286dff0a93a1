using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>Reads one manual-approval policy from YAML (or JSON, which is YAML), reporting every problem with its position.</summary>
public static class ManualPolicyParser
{
    private static readonly HashSet<string> KnownKeys = ["name", "description", "targets", "levels", "accessDuration", "maxDuration", "extension", "channels"];

    public static ManualPolicy? Parse(string text, string file, List<PolicyProblem> problems)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add(new PolicyProblem(file, 1, 1, "a manual policy must be a mapping with name, targets and levels"));
                return null;
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            problems.Add(new PolicyProblem(file, (int)e.Start.Line, (int)e.Start.Column, $"invalid YAML: {e.InnerException?.Message ?? e.Message}"));
            return null;
        }

        var before = problems.Count;
        var reader = new YamlPolicyReader(file, problems);
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Where(k => !KnownKeys.Contains(k.Value ?? "")))
        {
            reader.Problem(key, $"unknown field '{key.Value}' (expected {string.Join(", ", KnownKeys)})");
        }

        var name = reader.RequiredString(root, "name");
        var targets = ReadTargets(reader, root);
        var levels = ReadLevels(reader, root);
        var access = reader.Duration(root, "accessDuration", TimeSpan.FromHours(1));
        var max = reader.Duration(root, "maxDuration", access);
        if (max < access)
        {
            reader.Problem(root, $"maxDuration ({DurationText.Format(max)}) is shorter than accessDuration ({DurationText.Format(access)})");
        }

        var extension = ReadExtension(reader, root);
        var channels = ReadChannels(reader, root);
        if (problems.Count > before || name is null || targets is null)
        {
            return null;
        }

        return new ManualPolicy(name, file, targets, levels.Select(l => l.Level).ToList(), access, max, channels)
        {
            Extension = extension,
            LevelLines = levels.Select(l => l.Line).ToList(),
        };
    }

    private static ManualPolicyTargets? ReadTargets(YamlPolicyReader reader, YamlMappingNode root)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("targets"), out var node))
        {
            reader.Problem(root, "missing 'targets': give 'all' or 'tags' with key/value pairs");
            return null;
        }

        if (node is YamlScalarNode { Value: "all" })
        {
            return ManualPolicyTargets.All;
        }

        if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode("tags"), out var tagsNode))
        {
            reader.Problem(node, "'targets' must be 'all' or a mapping with 'tags'");
            return null;
        }

        var tags = new List<NodeTag>();
        switch (tagsNode)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { Length: > 0 } k } && value is YamlScalarNode { Value: { } v })
                    {
                        tags.Add(new NodeTag(k, v));
                    }
                    else
                    {
                        reader.Problem(key, "each tag must be 'Key: Value'");
                    }
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    if (item is YamlMappingNode pair && reader.OptionalString(pair, "key") is { Length: > 0 } k && reader.OptionalString(pair, "value") is { } v)
                    {
                        tags.Add(new NodeTag(k, v));
                    }
                    else
                    {
                        reader.Problem(item, "each tag must have 'key' and 'value'");
                    }
                }

                break;
            default:
                reader.Problem(tagsNode, "'tags' must be a mapping (Key: Value) or a list of {key, value}");
                break;
        }

        if (tags.Count == 0)
        {
            reader.Problem(tagsNode, "'targets.tags' is empty: name at least one tag, or use 'targets: all'");
        }

        return new ManualPolicyTargets(false, tags);
    }

    private static ExtensionRule ReadExtension(YamlPolicyReader reader, YamlMappingNode root)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("extension"), out var node))
        {
            return ExtensionRule.Approve;
        }

        var text = (node as YamlScalarNode)?.Value?.Trim();
        if (Enum.TryParse<ExtensionRule>(text, ignoreCase: true, out var rule) && Enum.IsDefined(rule) && !int.TryParse(text, out _))
        {
            return rule;
        }

        reader.Problem(node, $"'extension' must be approve, auto or never, not '{text ?? node.ToString()}'");
        return ExtensionRule.Approve;
    }

    private static IReadOnlyList<(ApprovalLevel Level, int Line)> ReadLevels(YamlPolicyReader reader, YamlMappingNode root)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("levels"), out var node) || node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            reader.Problem(root, "missing 'levels': list 1 to 5 levels, each with 'approvers' and 'required'");
            return [];
        }

        if (list.Children.Count > ManualPolicyLimits.MaxLevels)
        {
            reader.Problem(list, $"{list.Children.Count} approval levels; JITNA allows at most {ManualPolicyLimits.MaxLevels}");
        }

        var levels = new List<(ApprovalLevel, int)>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode level)
            {
                reader.Problem(item, "each level must have 'approvers' and 'required'");
                continue;
            }

            var approvers = reader.StringList(level, "approvers");
            if (approvers.Count is 0 or > ManualPolicyLimits.MaxApproversPerLevel)
            {
                reader.Problem(level, $"a level lists 1 to {ManualPolicyLimits.MaxApproversPerLevel} approvers (users or groups); found {approvers.Count}");
            }

            var required = reader.Integer(level, "required", 1);
            var onlyPeople = approvers.All(a => a.Contains('@'));
            if (required < 1 || (onlyPeople && required > approvers.Count))
            {
                reader.Problem(level, $"'required' is {required}, but this level can give 1 to {(onlyPeople ? approvers.Count : "any number of")} approvals");
            }

            levels.Add((new ApprovalLevel(approvers, required), (int)level.Start.Line));
        }

        return levels;
    }

    private static IReadOnlyDictionary<PlatformName, string> ReadChannels(YamlPolicyReader reader, YamlMappingNode root)
    {
        var channels = new Dictionary<PlatformName, string>();
        if (!root.Children.TryGetValue(new YamlScalarNode("channels"), out var node))
        {
            return channels;
        }

        if (node is not YamlMappingNode mapping)
        {
            reader.Problem(node, "'channels' maps a chat platform to its approvers' channel, e.g. 'console: platform-approvals'");
            return channels;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } platform } && !string.IsNullOrWhiteSpace(platform) &&
                value is YamlScalarNode { Value: { Length: > 0 } channel })
            {
                if (new PlatformName(platform) == PlatformName.Teams && !LooksLikeTeamsChannel(channel))
                {
                    // A channel's display name would only fail at the first delivery, long after the policy loaded.
                    reader.Problem(value, "a Teams channel is its conversation id, e.g. 'teams: \"19:abc123@thread.tacv2\"' (the bot logs it when added to the team)");
                    continue;
                }

                channels[new PlatformName(platform)] = channel;
            }
            else
            {
                reader.Problem(key, "each channel must be 'platform: channel'");
            }
        }

        return channels;
    }

    private static bool LooksLikeTeamsChannel(string channel) =>
        // Channels end @thread.tacv2 (or @thread.skype in older teams); a group chat's @thread.v2 cannot take a channel thread.
        channel.StartsWith("19:", StringComparison.Ordinal) && !channel.Any(char.IsWhiteSpace) &&
        (channel.EndsWith("@thread.tacv2", StringComparison.Ordinal) || channel.EndsWith("@thread.skype", StringComparison.Ordinal));
}
