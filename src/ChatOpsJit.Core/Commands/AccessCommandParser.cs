using System.Text.RegularExpressions;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Text;

namespace ChatOpsJit.Core.Commands;

/// <summary>Parses the chat command grammar; never throws, a mistake becomes <see cref="AccessCommand.Invalid"/>.</summary>
public static partial class AccessCommandParser
{
    public const int MaxReasonLength = 256;
    public const int MaxNodesPerRequest = 5;
    public const string RequestExample = "access web-1 disk full on /var for 2h";

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunAsUser();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();

    public static AccessCommand Parse(string? text)
    {
        var words = Words(text);
        if (words.Count > 0 && (words[0] == "/access" || words[0].Equals("access", StringComparison.OrdinalIgnoreCase)))
        {
            words.RemoveAt(0);
        }

        if (words.Count == 0)
        {
            return new AccessCommand.Invalid("tell me which node and why.", RequestExample);
        }

        var verb = words[0].ToLowerInvariant();
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
        var nodes = words[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
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

        var rest = words.Skip(1).ToList();
        TimeSpan? duration = null;
        string? runAs = null;
        // Options trail the reason, in either order; a trailing "for …" that is not a duration stays part of the reason.
        for (var pass = 0; pass < 2 && rest.Count >= 2; pass++)
        {
            var (keyword, value) = (rest[^2].ToLowerInvariant(), rest[^1]);
            if (keyword == "as" && runAs is null)
            {
                if (!RunAsUser().IsMatch(value))
                {
                    return Usage($"'{Quoted.Shorten(value)}' is not a valid OS user name to run as.", "access web-1 rotate logs as readonly");
                }

                runAs = value;
            }
            else if (keyword == "for" && duration is null && DurationText.TryParse(value, out var parsed))
            {
                duration = parsed;
            }
            else
            {
                break;
            }

            rest.RemoveRange(rest.Count - 2, 2);
        }

        var reason = string.Join(' ', rest);
        if (reason.Length == 0)
        {
            return Usage("a reason is required.", RequestExample);
        }

        if (reason.Length > MaxReasonLength)
        {
            return Usage($"the reason is {reason.Length} characters; the limit is {MaxReasonLength}.", RequestExample);
        }

        return new AccessCommand.Request(nodes, reason, duration, runAs);
    }

    private static AccessCommand ParseExtend(List<string> args)
    {
        if (args.Count == 1 && RequestId.LooksValid(args[0].ToLowerInvariant()))
        {
            return new AccessCommand.Extend(args[0].ToLowerInvariant(), null);
        }

        if (args.Count == 3 && RequestId.LooksValid(args[0].ToLowerInvariant()) && args[1].Equals("by", StringComparison.OrdinalIgnoreCase) &&
            DurationText.TryParse(args[2], out var by))
        {
            return new AccessCommand.Extend(args[0].ToLowerInvariant(), by);
        }

        return Usage("give a request id and optionally 'by <duration>'.", "access extend ar-1a2b3c4d by 30m");
    }

    private static AccessCommand WithId(List<string> args, string verb, Func<string, AccessCommand> make) =>
        args.Count == 1 && RequestId.LooksValid(args[0].ToLowerInvariant())
            ? make(args[0].ToLowerInvariant())
            : Usage($"'access {verb}' needs one request id like ar-1a2b3c4d.", $"access {verb} ar-1a2b3c4d");

    private static AccessCommand.Invalid Usage(string message, string example) => new(message, example);

    private static List<string> Words(string? text) =>
        (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
