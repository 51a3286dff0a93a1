using ChatOpsJit.Cli.Options;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// `chatopsjit policy validate DIR [--directory FILE]`: checks a JITNA policy folder; every problem as
/// <c>file:line:col: message</c>, and warnings about approvals that can never be given.
/// </summary>
public static class PolicyValidateCommand
{
    public const int Invalid = 2;

    public const string GroupsNotCounted =
        "note: groups were not counted (no --directory given), so only approvers named by email were checked; " +
        "add e.g. --directory samples/directory.yaml";

    public static readonly CommandSpec Spec = new(
        "policy validate",
        "Checks a JITNA policy folder (deny.cedar, auto-approval.cedar, manual/*.yaml), as the host would load it.",
        ["policy validate DIR [--directory FILE]"],
        [new("directory", "FILE", "the people directory (directory.yaml), so the members of each approver group are counted")])
    {
        Arguments = ["DIR"],
        Details = """
            Every problem is one line on stderr, file:line:col: message (exit 2). Warnings (file:line:col: warning: message)
            leave the folder valid (exit 0): a manual-policy level that can never get its approvals, a person whose own
            requests can never be approved (nobody approves their own request or at two levels of one request), an approver
            the directory does not know. Without --directory, levels naming a group are taken to be satisfiable.
            exit status: 0 valid, 1 bad command line or directory file, 2 invalid.
            """,
        Examples = ["chatopsjit policy validate samples/policies --directory samples/directory.yaml"],
    };

    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        CliCommand.Run(Spec, args, output, error, o => Run(o.Arguments[0], o.Get("directory"), output, error));

    private static int Run(string folder, string? directoryFile, TextWriter output, TextWriter error)
    {
        IReadOnlyList<DirectoryUser>? directory = null;
        if (directoryFile is not null && !TryReadDirectory(directoryFile, error, out directory))
        {
            return CliCommand.BadInput;
        }

        try
        {
            var set = JitnaPolicyFolder.Load(folder);
            foreach (var warning in set.Warnings.Concat(ManualPolicyReachability.Check(set.ManualPolicies, directory)))
            {
                error.WriteLine(warning);
            }

            if (directory is null && ManualPolicyReachability.NamesGroups(set.ManualPolicies))
            {
                error.WriteLine(GroupsNotCounted);
            }

            output.WriteLine($"{folder}: valid ({set.DenyAccess?.Policies.Count ?? 0} deny-access statements, " +
                             $"{set.AutoApproval?.Policies.Count ?? 0} auto-approval statements, {set.ManualPolicies.Count} manual policies)");
            return 0;
        }
        catch (PolicyLoadException e)
        {
            foreach (var problem in e.Problems)
            {
                error.WriteLine(problem);
            }

            return Invalid;
        }
    }

    private static bool TryReadDirectory(string file, TextWriter error, out IReadOnlyList<DirectoryUser>? directory)
    {
        directory = null;
        try
        {
            directory = DirectoryFile.Parse(File.ReadAllText(file)).Values.ToList();
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: directory file '{file}' does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or YamlDotNet.Core.YamlException)
        {
            error.WriteLine($"error: {file}: {e.Message}");
        }

        return false;
    }
}
