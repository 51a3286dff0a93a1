using System.Text;

namespace ChatOpsJit.Testing;

/// <summary>Writes directory and policy files for tests that need other people or policies than the samples.</summary>
public static class TestDirectories
{
    /// <summary>The sample directory plus <paramref name="approvers"/> extra SRE leads (approver1@example.com …).</summary>
    public static string WithExtraApprovers(string folder, int approvers) => WithExtraPeople(folder, approvers, 0);

    /// <summary>
    /// The sample directory plus <paramref name="approvers"/> extra SRE leads (approver1@example.com …) and
    /// <paramref name="requesters"/> developers who approve nothing (requester1@example.com …).
    /// </summary>
    public static string WithExtraPeople(string folder, int approvers, int requesters)
    {
        var text = new StringBuilder(File.ReadAllText(Path.Combine(RepoPaths.Samples, "directory.yaml")));
        var insertAt = text.ToString().IndexOf("groups:\n  - name", StringComparison.Ordinal);
        var extra = new StringBuilder();
        for (var i = 1; i <= approvers; i++)
        {
            extra.Append($"  - email: approver{i}@example.com\n    displayName: Approver {i}\n    identityCenterId: 90676b1e-9999-4d2b-9c2e-{i:D12}\n    groups: [sre-leads]\n");
        }

        for (var i = 1; i <= requesters; i++)
        {
            extra.Append($"  - email: requester{i}@example.com\n    displayName: Requester {i}\n    identityCenterId: 90676b1e-8888-4d2b-9c2e-{i:D12}\n    groups: [developers]\n");
        }

        text.Insert(insertAt, extra.ToString());
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "directory.yaml");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>A copy of the sample policy folder that a test may change.</summary>
    public static string CopyOfSamplePolicies(string folder)
    {
        var target = Path.Combine(folder, "policies");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Samples, "policies"), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Path.Combine(RepoPaths.Samples, "policies"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }
}
