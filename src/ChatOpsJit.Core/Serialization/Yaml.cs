using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatOpsJit.Core.Serialization;

/// <summary>The YAML reader for the sandbox's data files: camelCase keys, unknown keys are errors.</summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static T Read<T>(string text) where T : new() => Deserializer.Deserialize<T>(text) ?? new T();
}
