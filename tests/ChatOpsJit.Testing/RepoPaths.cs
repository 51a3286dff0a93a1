namespace ChatOpsJit.Testing;

/// <summary>Finds the repository's files from wherever the tests run.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOpsJit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatOpsJit.sln not found above " + AppContext.BaseDirectory);
    }
}
