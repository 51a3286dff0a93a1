using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Workflow;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>
/// Access requests in every state the workflow leaves them in, built as the workflow writes them (the core's tests drive
/// a whole workflow; here only the cards matter), and every card and prompt the core draws from them.
/// </summary>
internal static class RequestStates
{
    public const string Id = "ar-0000002a";
    public const string Approver = "lead@example.com";
    public static readonly DateTimeOffset Asked = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>What a hostile requester puts in a reason: a link, bold, a mention of someone, a channel ping, bare mention markup.</summary>
    public const string HostileReason = "[click](https://evil.example/x) **bold** <at>Ann Lee</at> @channel <at> _it_ # head\n- item\n1. one ![img](https://evil.example/i.png) www.evil.example &lt;at&gt;";

    public static readonly RequestCards Cards = new(CredentialsOnDemand: true, RevokeAutoApproved: false);

    public static AccessRequest Pending(string reason = "deploy hotfix & check <logs>") => new()
    {
        Id = Id,
        Version = 1,
        State = AccessRequestState.Pending,
        RequesterEmail = "ann@example.com",
        RequesterName = "Ann Example",
        OriginPlatform = PlatformName.Teams,
        RequesterUserId = "29:ann",
        NodeId = "i-0abc1234567890def",
        NodeName = "web-1",
        Account = "123456789012",
        Region = "eu-west-1",
        Reason = reason,
        Duration = TimeSpan.FromHours(1),
        MaxDuration = TimeSpan.FromHours(4),
        PolicyName = "prod-web",
        Levels = [new ApprovalLevel(["sre-leads", Approver], 1), new ApprovalLevel(["security"], 1)],
        ApproverNotices = [new ApproverNotice(0, 0, Approver, "Lee Lead"), new ApproverNotice(0, 0, "sam@example.com", "Sam Sre")],
        CreatedAt = Asked,
        PendingUntil = Asked.AddHours(2),
    };

    public static AccessRequest SecondLevel(string reason = "deploy") => Pending(reason) with
    {
        CurrentLevel = 1,
        Approvals = [new Approval(0, Approver, Asked.AddMinutes(5), "Lee Lead")],
        ApproverNotices = [new ApproverNotice(0, 0, Approver, "Lee Lead"), new ApproverNotice(0, 1, "sec@example.com", "Sec Person")],
    };

    public static AccessRequest Approved(string reason = "deploy") => SecondLevel(reason) with
    {
        State = AccessRequestState.Approved,
        Approvals = [new Approval(0, Approver, Asked.AddMinutes(5), "Lee Lead"), new Approval(1, "sec@example.com", Asked.AddMinutes(9), "Sec Person")],
        DecidedBy = "sec@example.com",
        DecidedByName = "Sec Person",
        ExpiresAt = Asked.AddMinutes(69),
    };

    public static AccessRequest Active(string reason = "deploy") => Approved(reason) with
    {
        State = AccessRequestState.Active,
        ActivatedAt = Asked.AddMinutes(10),
        ConnectInstructions = "aws ssm start-session --target i-0abc1234567890def --region eu-west-1",
        RemindedFor = [Asked.AddMinutes(69)],
    };

    public static AccessRequest Extending(string reason = "deploy") => Active(reason) with
    {
        Extensions = [new AccessExtension(1, TimeSpan.FromMinutes(30), Asked.AddMinutes(50), ExtensionState.Pending)],
        ApproverNotices = [new ApproverNotice(0, 0, Approver, "Lee Lead"), new ApproverNotice(1, 0, Approver, "Lee Lead")],
    };

    public static AccessRequest AutoApproved() => Active() with { AutoApproved = true, Levels = [], Approvals = [], DecidedBy = null, DecidedByName = null };

    public static AccessRequest Bridged() => Pending() with { Bridge = new BridgedRequest("JITNA", "oi-0123456789ab", "exec-1") };

    public static AccessRequest Ended(AccessRequestState state, string reason = "deploy") => Active(reason) with
    {
        State = state,
        EndedAt = Asked.AddMinutes(40),
        DecidedBy = state == AccessRequestState.Revoked ? Approver : "sec@example.com",
        DecidedByName = state == AccessRequestState.Revoked ? "Lee Lead" : "Sec Person",
        SessionsEnded = 2,
        SessionsNotEnded = state == AccessRequestState.Revoked ? ["s-0123: AccessDenied", "s-0456: timed out"] : [],
    };

    public static AccessRequest Rejected(string reason = "deploy") => Pending(reason) with
    {
        State = AccessRequestState.Rejected,
        DecidedBy = Approver,
        DecidedByName = "Lee Lead",
        RejectionReason = "use staging first",
        EndedAt = Asked.AddMinutes(3),
    };

    public static AccessRequest Closed(AccessRequestState state, string? why = null) => Pending() with { State = state, StateReason = why, EndedAt = Asked.AddMinutes(3) };

    public static readonly AccessCredentials Credentials = new(
        "ASIAEXAMPLEKEY",
        ["export AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY", "export AWS_SECRET_ACCESS_KEY=abc+/def<ghi>", "", "export AWS_SESSION_TOKEN=tok{{.x}}"],
        "aws ssm start-session --target i-0abc1234567890def --region eu-west-1",
        Asked.AddHours(1));

    /// <summary>Every card the core draws about a request, named, for a request whose reason is <paramref name="reason"/>.</summary>
    public static IEnumerable<(string Name, ChatCard Card)> AllCards(string reason = "deploy hotfix & check <logs>")
    {
        var pending = Pending(reason);
        var extending = Extending(reason);
        yield return ("approval, pending", Cards.Approval(pending));
        yield return ("approval, second level", Cards.Approval(SecondLevel(reason)));
        yield return ("approval, approved", Cards.Approval(Approved(reason)));
        yield return ("approval, active", Cards.Approval(Active(reason)));
        yield return ("approval, extension pending", Cards.Approval(extending));
        yield return ("approval, bridged", Cards.Approval(Bridged() with { Reason = reason }));
        foreach (var state in new[] { AccessRequestState.Expired, AccessRequestState.Revoked })
        {
            yield return ($"approval, {state}", Cards.Approval(Ended(state, reason)));
        }
        yield return ("approval, rejected", Cards.Approval(Rejected(reason)));
        foreach (var state in new[] { AccessRequestState.Cancelled, AccessRequestState.TimedOut, AccessRequestState.Denied, AccessRequestState.Failed })
        {
            yield return ($"approval, {state}", Cards.Approval(Closed(state, "no policy applies") with { Reason = reason }));
        }

        yield return ("approver DM, deciding", Cards.ForApprover(pending, pending.ApproverNotices[0]));
        yield return ("approver DM, level passed", Cards.ForApprover(SecondLevel(reason), new ApproverNotice(0, 0, Approver, "Lee Lead")));
        yield return ("approver DM, extension", Cards.ForApprover(extending, extending.ApproverNotices[1]));
        yield return ("status", RequestCards.Status(pending));
        yield return ("granted, active", Cards.Granted(Active(reason)));
        yield return ("granted, auto-approved", Cards.Granted(AutoApproved() with { Reason = reason }));
        yield return ("granted, after the end", Cards.Granted(Ended(AccessRequestState.Expired, reason)));
        yield return ("reminder", Cards.Reminder(Active(reason), 1));
        yield return ("reminder, extension pending", Cards.Reminder(extending, 1));
        yield return ("reminder, past news", Cards.Reminder(Ended(AccessRequestState.Revoked, reason), 1));
        yield return ("credentials", RequestCards.Credentials(Active(reason), Credentials));
        yield return ("for requester, pending", Cards.ForRequester(pending));
        yield return ("ended, expired", RequestCards.Ended(Ended(AccessRequestState.Expired, reason)));
        yield return ("ended, revoked with sessions left", RequestCards.Ended(Ended(AccessRequestState.Revoked, reason)));
        yield return ("rejected", RequestCards.Rejected(Rejected(reason)));
        yield return ("timed out", RequestCards.TimedOut(Closed(AccessRequestState.TimedOut) with { Reason = reason }));
        yield return ("failed", RequestCards.Failed(Closed(AccessRequestState.Failed, "the grantor refused") with { Reason = reason }));
        yield return ("conflict", RequestCards.Conflict(Closed(AccessRequestState.Failed, "policies a and b conflict") with { Reason = reason }));
        var extended = Active(reason) with { Extensions = [new AccessExtension(1, TimeSpan.FromMinutes(30), Asked.AddMinutes(50), ExtensionState.Approved) { DecidedBy = Approver, DecidedByName = "Lee Lead" }] };
        yield return ("extended", RequestCards.Extended(extended, extended.Extensions[0]));
        var turnedDown = new AccessExtension(1, TimeSpan.FromMinutes(30), Asked.AddMinutes(50), ExtensionState.Rejected) { DecidedBy = Approver, DecidedByName = "Lee Lead", RejectionReason = reason };
        yield return ("extension rejected", RequestCards.ExtensionRejected(Active(reason) with { Extensions = [turnedDown] }, turnedDown));
    }

    /// <summary>The prompts the core asks (the same texts as AccessWorkflow.PromptAsync), with the verb each confirms.</summary>
    public static IEnumerable<(string Name, ActionPrompt Prompt, CardVerb Verb)> AllPrompts(string reason = "deploy")
    {
        var reasonInput = new PromptInput("Reason (optional; the requester sees it)", "e.g. use the staging box first", false, ReasonText.MaxLength);
        yield return ("reject", new ActionPrompt($"Reject request {Id}?",
            $"Ann Example asked for access to web-1: \u201c{reason}\u201d. They will be told, with your reason if you give one.", "Reject", reasonInput), CardVerb.Reject);
        yield return ("reject extension", new ActionPrompt($"Reject the extension of request {Id}?",
            "Ann Example asked for 30m more on web-1; their access still ends at 2030-01-01 10:09 UTC.", "Reject extension", reasonInput), CardVerb.RejectExtension);
        yield return ("extend", new ActionPrompt("Extend your access to web-1?", "It ends at 2030-01-01 10:09 UTC. You can ask for up to 3h more; sre-leads/lead@example.com must approve it.",
            "Extend", new PromptInput("How much longer (empty: 1h)", "e.g. 30m or 1h", false, 16)), CardVerb.Extend);
        yield return ("revoke", new ActionPrompt($"Revoke request {Id} now?", "Access to web-1 ends at once and its live sessions are ended.", "Revoke"), CardVerb.Revoke);
        yield return ("required input", new ActionPrompt("Why?", reason, "Send", new PromptInput("Reason", "", true, 256)), CardVerb.Reject);
        yield return ("hostile input", new ActionPrompt(reason, reason, reason, new PromptInput(reason, reason, true, 300)), CardVerb.Extend);
        yield return ("blank prompt", new ActionPrompt("", "", ""), CardVerb.Revoke);
    }
}
