using System.Text.RegularExpressions;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Text;

namespace ChatOpsJit.Core.Commands;

/// <summary>Parses the chat command grammar; never throws, a mistake becomes <see cref="AccessCommand.Invalid"/>.</summary>
public static partial class AccessCommandParser
{
    public const int MaxReasonLength = ReasonText.MaxLength;
    public const int MaxNodesPerRequest = 5;
    public const string RequestExample = "access web-1 disk full on /var for 2h";

    private static readonly HashSet<string> Verbs = ["help", "list", "status", "cancel", "revoke", "extend", "policies"];

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunAsUser();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();

    public static AccessCommand Parse(string? text)
    {
        var words = Words(text);
        var prefixed = words.Count > 0 && (words[0] == "/access" || words[0].Equals("access", StringComparison.OrdinalIgnoreCase));
        if (prefixed)
        {
            words.RemoveAt(0);
        }

        if (words.Count == 0)
        {
            return new AccessCommand.Invalid("tell me which node and why.", RequestExample);
        }

        var verb = words[0].ToLowerInvariant();
        if (!prefixed && !Verbs.Contains(verb) && !Nodes.NodeRules.LooksLikeId(words[0]))
        {
            // Only text that starts with access, a verb or a node id is a command: "hello there" is not a request for node "hello".
            return new AccessCommand.NotACommand(words[0]);
        }

        var args = words.Skip(1).ToList();
        return verb switch
        {
            "help" => new AccessCommand.Help(),
            "list" => args.Count == 0 ? new AccessCommand.List() : Usage("'access list' takes no arguments.", "access list"),
            "status" => WithId(args, "status", id => new AccessCommand.Status(id)),
            "cancel" => WithId(args, "cancel", id => new AccessCommand.Cancel(id)),
            "revoke" => WithId(args, "revoke", id => new AccessCommand.Revoke(id)),
            "extend" => ParseExtend(args),
            "policies" => args.Count <= 1 ? new AccessCommand.Policies(args.FirstOrDefault()) : Usage("'access policies' takes at most one node.", "access policies web-1"),
            _ => ParseRequest(words),
        };
    }

    private static AccessCommand ParseRequest(List<string> words)
    {
        // A node list may be written with spaces around its commas: "web-1, web-2,dev-box-1" names three nodes.
        var list = words[0];
        var next = 1;
        while (next < words.Count && (list.EndsWith(',') || words[next].StartsWith(',')))
        {
            list += words[next++];
        }

        var nodes = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (nodes.Count == 0)
        {
            return Usage("name at least one node.", RequestExample);
        }

        if (nodes.Count > MaxNodesPerRequest)
        {
            return Usage($"at most {MaxNodesPerRequest} nodes per request; you named {nodes.Count}.", "access web-1,web-2 deploy hotfix");
        }

        if (nodes.FirstOrDefault(n => !NodeName().IsMatch(n)) is { } bad)
        {
            return Usage($"'{Quoted.Shorten(bad)}' is not a node id or name.", RequestExample);
        }

        var rest = words.Skip(next).ToList();
        TimeSpan? duration = null;
        string? runAs = null;
        // Options trail the reason, in either order. A trailing "for …" that is no duration attempt ("waiting for deploy")
        // stays part of the reason; one that tries to be a duration and is wrong ("for 400x") is an error, never reason text.
        for (var pass = 0; pass < 2 && rest.Count >= 2; pass++)
        {
            if (runAs is null && rest[^2].Equals("as", StringComparison.OrdinalIgnoreCase))
            {
                if (!RunAsUser().IsMatch(rest[^1]))
                {
                    return Usage($"'{Quoted.Shorten(rest[^1])}' is not a valid OS user name to run as.", "access web-1 rotate logs as readonly");
                }

                runAs = rest[^1];
                rest.RemoveRange(rest.Count - 2, 2);
            }
            else if (duration is null && TrailingDuration(rest) is { } found)
            {
                if (found.Problem is not null)
                {
                    return Usage(found.Problem, RequestExample);
                }

                duration = found.Duration;
                rest.RemoveRange(rest.Count - found.Words, found.Words);
            }
            else
            {
                break;
            }
        }

        if (rest.Count == 0)
        {
            return nodes.Count == 1 && duration is null && runAs is null ? new AccessCommand.MissingReason(nodes) : Usage(ReasonText.Missing, RequestExample);
        }

        var (reason, problem) = ReasonText.Check(string.Join(' ', rest));
        return problem is not null ? Usage(problem, RequestExample) : new AccessCommand.Request(nodes, reason!, duration, runAs);
    }

    /// <summary>
    /// A trailing <c>for 2h</c> or <c>for 2 hours</c>: how many words it takes and the duration, or the problem with a
    /// duration attempt; null when the words are no duration attempt.
    /// </summary>
    private static (int Words, TimeSpan Duration, string? Problem)? TrailingDuration(List<string> words)
    {
        string text;
        int count;
        if (words.Count >= 3 && words[^3].Equals("for", StringComparison.OrdinalIgnoreCase) && DurationText.LooksLikeOne(words[^2]) && DurationText.IsUnitWord(words[^1]))
        {
            (text, count) = (words[^2] + words[^1], 3);
        }
        else if (words[^2].Equals("for", StringComparison.OrdinalIgnoreCase) && DurationText.LooksLikeOne(words[^1]))
        {
            (text, count) = (words[^1], 2);
        }
        else
        {
            return null;
        }

        return DurationText.TryParse(text, out var duration, out var problem) ? (count, duration, null) : (count, TimeSpan.Zero, problem);
    }

    private static AccessCommand ParseExtend(List<string> args)
    {
        const string example = "access extend ar-1a2b3c4d for 30m";
        if (args.Count == 0 || !RequestId.LooksValid(args[0].ToLowerInvariant()))
        {
            return Usage("give a request id and optionally 'for <duration>'.", example);
        }

        var id = args[0].ToLowerInvariant();
        if (args.Count == 1)
        {
            return new AccessCommand.Extend(id, null);
        }

        if (!args[1].Equals("for", StringComparison.OrdinalIgnoreCase) && !args[1].Equals("by", StringComparison.OrdinalIgnoreCase) || args.Count is < 3 or > 4)
        {
            return Usage("give a request id and optionally 'for <duration>'.", example);
        }

        var text = args.Count == 4 && DurationText.IsUnitWord(args[3]) ? args[2] + args[3] : args.Count == 3 ? args[2] : null;
        if (text is null)
        {
            return Usage("give a request id and optionally 'for <duration>'.", example);
        }

        return DurationText.TryParse(text, out var by, out var problem) ? new AccessCommand.Extend(id, by) : Usage(problem!, example);
    }

    private static AccessCommand WithId(List<string> args, string verb, Func<string, AccessCommand> make) =>
        args.Count == 1 && RequestId.LooksValid(args[0].ToLowerInvariant())
            ? make(args[0].ToLowerInvariant())
            : Usage($"'access {verb}' needs one request id like ar-1a2b3c4d.", $"access {verb} ar-1a2b3c4d");

    private static AccessCommand.Invalid Usage(string message, string example) => new(message, example);

    private static List<string> Words(string? text) =>
        (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
