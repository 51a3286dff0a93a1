using System.Text.Json.Nodes;
using ChatOpsJit.Cli.Commands;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>Decides a case with ChatOpsJit through the `policy authorize --batch` core, in process.</summary>
internal static class ChatOpsJitDecider
{
    public static DiffAnswer Decide(DiffCase c)
    {
        try
        {
            return DecideOrThrow(c);
        }
        catch (Exception e)
        {
            return DiffAnswer.Crashed(e); // one engine crash must not hide the verdicts on the other cases
        }
    }

    private static DiffAnswer DecideOrThrow(DiffCase c)
    {
        if (!CedarPolicySet.TryParse(c.Policies, $"case{c.Index}.cedar", out var set, out var diagnostics))
        {
            return new DiffAnswer("deny", new HashSet<string>(), new HashSet<string>(), ParseError: string.Join("; ", diagnostics));
        }
        var output = new StringWriter();
        PolicyAuthorizeCommand.RunBatch(set!, new StringReader(c.Request().ToJsonString()), output);
        var line = output.ToString().Trim();
        var answer = (JsonObject)JsonNode.Parse(line)!;
        if ((string?)answer["error"] is { } error)
        {
            return error.Contains(PolicyAuthorizeCommand.InternalErrorPrefix, StringComparison.Ordinal)
                ? new DiffAnswer("deny", new HashSet<string>(), new HashSet<string>(), Crash: error)
                : new DiffAnswer("deny", new HashSet<string>(), new HashSet<string>(), RequestError: error);
        }
        return DiffAnswer.FromJson(answer);
    }
}
