using ChatOpsJit.Cli.Options;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit policy explain`: the JITNA outcome for one person and one node, and why.</summary>
public static class PolicyExplainCommand
{
    public static readonly CommandSpec Spec = new(
        "policy explain",
        "Says what happens when one person asks for one node under a policy folder, and why.",
        ["policy explain --dir DIR --directory FILE --nodes FILE --user EMAIL --node ID"],
        [
            new("dir", "DIR", "the JITNA policy folder") { Required = true },
            new("directory", "FILE", "the people directory (directory.yaml)") { Required = true },
            new("nodes", "FILE", "the node inventory (nodes.yaml)") { Required = true },
            new("user", "EMAIL", "who asks, as the directory knows them") { Required = true },
            new("node", "ID", "the node asked for, by id (i-…, mi-…) or name") { Required = true },
        ])
    {
        Details = "Prints AUTO-APPROVED, NEEDS APPROVAL, FAILED or DENIED, then the explanation.\nexit status: 0 explained, 1 bad input.",
        Examples =
        [
            "chatopsjit policy explain --dir samples/policies --directory samples/directory.yaml --nodes samples/nodes.yaml " +
            "--user dev@example.com --node payments-db-1",
        ],
    };

    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        CliCommand.Run(Spec, args, output, error, o => Run(o.Get("dir")!, o.Get("directory")!, o.Get("nodes")!, o.Get("user")!, o.Get("node")!, output, error));

    private static int Run(string dir, string directory, string nodes, string email, string nodeName, TextWriter output, TextWriter error)
    {
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
