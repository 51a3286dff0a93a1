namespace ChatOpsJit.Core.Commands;

/// <summary>What <c>access help</c> shows, and the one-line usage for text that is not a command.</summary>
public static class HelpText
{
    public const string Usage = """
        access <node>[,<node>...] <reason> [for <duration>] [as <runas-user>]   ask for access (up to 5 nodes)
        access list                       your requests, and requests waiting for you
        access status <id>                one request in detail
        access cancel <id>                withdraw your pending request
        access revoke <id>                end an active grant now (requester or approver)
        access extend <id> [for <duration>]  ask for more time on an active grant
        access policies [<node>]          what would happen if you asked, and why
        access help                       this text
        Nodes by id (i-…, mi-…) or Name tag. Durations like 30m, 2h, 1h30m, 1d.
        """;

    public const string UsageLine =
        "usage: access <node>[,<node>…] <reason> [for <duration>] [as <user>] · access list · access status|cancel|revoke <id> · " +
        "access extend <id> [for <duration>] · access policies [<node>] · access help";
}
