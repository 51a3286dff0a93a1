using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit policy explain`: the JITNA outcome for one person and one node, and why.</summary>
public static class PolicyExplainCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var dir = StoreArgs.Option(args, "--dir");
        var directory = StoreArgs.Option(args, "--directory");
        var nodes = StoreArgs.Option(args, "--nodes");
        var email = StoreArgs.Option(args, "--user");
        var nodeName = StoreArgs.Option(args, "--node");
        if (dir is null || directory is null || nodes is null || email is null || nodeName is null)
        {
            error.WriteLine("usage: chatopsjit policy explain --dir DIR --directory FILE --nodes FILE --user EMAIL --node ID");
            return Usage.BadInput;
        }

        try
        {
            var user = DirectoryFile.Parse(File.ReadAllText(directory)).GetValueOrDefault(email);
            if (user is null)
            {
                error.WriteLine($"error: {email} is not in {directory}");
                return Usage.BadInput;
            }

            var all = NodesFile.Parse(File.ReadAllText(nodes));
            var node = all.FirstOrDefault(n => n.Id == nodeName) ?? all.FirstOrDefault(n => string.Equals(n.Name, nodeName, StringComparison.OrdinalIgnoreCase));
            if (node is null)
            {
                error.WriteLine($"error: there is no node '{nodeName}' in {nodes}");
                return Usage.BadInput;
            }

            var decision = JitnaPolicyFolder.Load(dir).Decide(user, node);
            output.WriteLine(decision switch
            {
                PolicyDecision.AutoApproved a => $"AUTO-APPROVED for {DurationText.Format(a.Duration)} by {string.Join(", ", a.StatementIds)}",
                PolicyDecision.NeedsApproval n => $"NEEDS APPROVAL under manual policy '{n.Policy.Name}'",
                PolicyDecision.Failed f => $"FAILED: conflict between {string.Join(" and ", f.ConflictingPolicies)}",
                _ => "DENIED",
            });
            output.WriteLine(decision.Explanation);
            return 0;
        }
        catch (PolicyLoadException e)
        {
            foreach (var problem in e.Problems)
            {
                error.WriteLine(problem);
            }

            return Usage.BadInput;
        }
        catch (Exception e) when (e is IOException or FormatException or YamlDotNet.Core.YamlException)
        {
            error.WriteLine($"error: {e.Message}");
            return Usage.BadInput;
        }
    }
}
