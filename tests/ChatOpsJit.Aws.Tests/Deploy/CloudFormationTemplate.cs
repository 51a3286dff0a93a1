using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace ChatOpsJit.Aws.Tests.Deploy;

/// <summary>One condition a template node sits under: inside the true branch of <c>Fn::If</c> (or a
/// resource's <c>Condition</c>), or inside the false branch (<see cref="Negated"/>).</summary>
internal readonly record struct Guard(string Condition, bool Negated);

/// <summary>A policy statement with the resource it belongs to and the conditions it sits under.</summary>
internal sealed record PolicyStatement(string Resource, string Document, IReadOnlyDictionary<string, object?> Body, ImmutableList<Guard> Guards)
{
    public string Effect => Body.TryGetValue("Effect", out var e) && e is string s ? s : "";

    /// <summary>The actions, every branch of an Fn::If included.</summary>
    public IReadOnlyList<string> Actions => CloudFormationTemplate.Values(Body.GetValueOrDefault("Action")).OfType<string>().ToList();

    public bool Has(string action) => Actions.Contains(action, StringComparer.Ordinal);
}

/// <summary>
/// A CloudFormation YAML template read into plain values: mappings become dictionaries, sequences lists,
/// scalars strings, and the short-form intrinsic tags (<c>!Ref x</c>, <c>!GetAtt a.b</c>, <c>!Sub s</c>, ...)
/// become their long form (<c>{"Ref": "x"}</c>, <c>{"Fn::GetAtt": ["a", "b"]}</c>, <c>{"Fn::Sub": "s"}</c>),
/// so the tests read one shape whichever form the template uses. An unknown tag is an error.
/// </summary>
internal sealed class CloudFormationTemplate
{
    private static readonly ImmutableHashSet<string> FunctionTags = ImmutableHashSet.Create(
        "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Select", "Join", "Split", "ImportValue", "FindInMap",
        "Base64", "GetAZs", "Cidr");

    public static readonly ImmutableHashSet<string> PseudoParameters = ImmutableHashSet.Create(
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private CloudFormationTemplate(IReadOnlyDictionary<string, object?> root) => Root = root;

    public IReadOnlyDictionary<string, object?> Root { get; }

    public IReadOnlyDictionary<string, object?> Section(string name) =>
        Root.TryGetValue(name, out var s) && s is IReadOnlyDictionary<string, object?> d ? d : new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?> Resource(string logicalId) =>
        Section("Resources")[logicalId] as IReadOnlyDictionary<string, object?> ?? throw new KeyNotFoundException(logicalId);

    /// <summary>The test copy of deploy/iam/chatopsjit.cfn.yaml (copied beside the test binaries by the project file).</summary>
    public static CloudFormationTemplate LoadIam() =>
        Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "deploy", "iam", "chatopsjit.cfn.yaml"));

    public static CloudFormationTemplate Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        if (stream.Documents.Count != 1 || Convert(stream.Documents[0].RootNode) is not IReadOnlyDictionary<string, object?> root)
        {
            throw new InvalidDataException(path + " is not one YAML mapping");
        }

        return new CloudFormationTemplate(root);
    }

    private static object? Convert(YamlNode node)
    {
        var tag = node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;
        object? plain = node switch
        {
            YamlScalarNode s => s.Value,
            YamlSequenceNode q => q.Children.Select(Convert).ToList(),
            YamlMappingNode m => m.Children.ToDictionary(
                kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => Convert(kv.Value), StringComparer.Ordinal),
            _ => throw new InvalidDataException($"unexpected YAML node at {node.Start}"),
        };
        if (tag is null || tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            return plain;
        }

        var name = tag.TrimStart('!');
        return name switch
        {
            "Ref" when plain is string => Single("Ref", plain),
            "Condition" when plain is string => Single("Condition", plain),
            "GetAtt" when plain is string s && s.IndexOf('.', StringComparison.Ordinal) > 0 =>
                Single("Fn::GetAtt", new List<object?> { s[..s.IndexOf('.', StringComparison.Ordinal)], s[(s.IndexOf('.', StringComparison.Ordinal) + 1)..] }),
            _ when FunctionTags.Contains(name) => Single("Fn::" + name, plain),
            _ => throw new InvalidDataException($"unknown tag {tag} at {node.Start}"),
        };
    }

    private static Dictionary<string, object?> Single(string key, object? value) => new(StringComparer.Ordinal) { [key] = value };

    /// <summary>A string or a list of strings (an action list, a resource list) as a list.</summary>
    public static IReadOnlyList<string> Strings(object? value) => value switch
    {
        string s => [s],
        IEnumerable<object?> list => list.OfType<string>().ToList(),
        _ => [],
    };

    /// <summary>The items a value can hold, flattened over every Fn::If branch (a scalar counts as one item).</summary>
    public static IEnumerable<object?> Values(object? node) =>
        Alternatives(node, ImmutableList<Guard>.Empty).SelectMany(a => a.Value is IReadOnlyList<object?> l ? l : [a.Value]);

    /// <summary>The concrete values a node can take: an <c>Fn::If</c> yields both branches under their guard;
    /// <c>AWS::NoValue</c> yields nothing.</summary>
    public static IEnumerable<(object? Value, ImmutableList<Guard> Guards)> Alternatives(object? node, ImmutableList<Guard> guards)
    {
        if (IsIf(node, out var condition, out var whenTrue, out var whenFalse))
        {
            foreach (var a in Alternatives(whenTrue, guards.Add(new Guard(condition, false))))
            {
                yield return a;
            }

            foreach (var a in Alternatives(whenFalse, guards.Add(new Guard(condition, true))))
            {
                yield return a;
            }
        }
        else if (!(node is IReadOnlyDictionary<string, object?> d && d.Count == 1 && d.TryGetValue("Ref", out var r) && r is "AWS::NoValue"))
        {
            yield return (node, guards);
        }
    }

    private static bool IsIf(object? node, out string condition, out object? whenTrue, out object? whenFalse)
    {
        if (node is IReadOnlyDictionary<string, object?> d && d.Count == 1 && d.TryGetValue("Fn::If", out var args)
            && args is IReadOnlyList<object?> { Count: 3 } list && list[0] is string c)
        {
            (condition, whenTrue, whenFalse) = (c, list[1], list[2]);
            return true;
        }

        (condition, whenTrue, whenFalse) = ("", null, null);
        return false;
    }

    /// <summary>Every node of the template with the key it is the value of and the guards it sits under.</summary>
    public static IEnumerable<(string? Key, object? Node, ImmutableList<Guard> Guards)> Walk(object? node, string? key, ImmutableList<Guard> guards)
    {
        yield return (key, node, guards);
        if (IsIf(node, out var condition, out var whenTrue, out var whenFalse))
        {
            foreach (var v in Walk(whenTrue, key, guards.Add(new Guard(condition, false))).Concat(Walk(whenFalse, key, guards.Add(new Guard(condition, true)))))
            {
                yield return v;
            }
        }
        else if (node is IReadOnlyDictionary<string, object?> d)
        {
            foreach (var kv in d)
            {
                foreach (var v in Walk(kv.Value, kv.Key, guards))
                {
                    yield return v;
                }
            }
        }
        else if (node is IReadOnlyList<object?> list)
        {
            foreach (var v in list.SelectMany(item => Walk(item, key, guards)))
            {
                yield return v;
            }
        }
    }

    /// <summary>Every statement of every PolicyDocument and AssumeRolePolicyDocument, under its resource's
    /// Condition and every Fn::If it sits in.</summary>
    public IEnumerable<PolicyStatement> Statements()
    {
        foreach (var (name, value) in Section("Resources"))
        {
            var resource = (IReadOnlyDictionary<string, object?>)value!;
            var guards = resource.TryGetValue("Condition", out var c) && c is string cond
                ? ImmutableList.Create(new Guard(cond, false))
                : ImmutableList<Guard>.Empty;
            foreach (var (key, node, g) in Walk(resource.GetValueOrDefault("Properties"), null, guards))
            {
                if (key is not ("PolicyDocument" or "AssumeRolePolicyDocument") || node is not IReadOnlyDictionary<string, object?> doc
                    || !doc.TryGetValue("Statement", out var statements))
                {
                    continue;
                }

                var items = statements is IReadOnlyList<object?> l ? l : [statements];
                foreach (var (statement, sg) in items.SelectMany(i => Alternatives(i, g)))
                {
                    if (statement is IReadOnlyDictionary<string, object?> body)
                    {
                        yield return new PolicyStatement(name, key, body, sg);
                    }
                }
            }
        }
    }
}
