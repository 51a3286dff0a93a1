namespace ChatOpsJit.Cli.Tests.Policy;

/// <summary>A scratch directory for policy, entity and context files, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("chatopsjit-cli-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
