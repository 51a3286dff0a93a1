using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit policy validate DIR`: checks a JITNA policy folder; every problem as <c>file:line:col: message</c>.</summary>
public static class PolicyValidateCommand
{
    public const int Invalid = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 1)
        {
            error.WriteLine("usage: chatopsjit policy validate DIR");
            return Usage.BadInput;
        }

        try
        {
            var set = JitnaPolicyFolder.Load(args[0]);
            foreach (var warning in set.Warnings)
            {
                error.WriteLine(warning);
            }

            output.WriteLine($"{args[0]}: valid ({set.DenyAccess?.Policies.Count ?? 0} deny-access statements, " +
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
}
