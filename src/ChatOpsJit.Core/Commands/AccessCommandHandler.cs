using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Core.Text;

namespace ChatOpsJit.Core.Commands;

/// <summary>Turns a chat command into workflow calls and a reply; every chat adapter calls only this and the button handler.</summary>
public sealed class AccessCommandHandler(AccessWorkflow workflow, IIdentityDirectory directory, INodeInventory inventory, IAccessPolicy policy)
{
    private const int MaxPolicyRows = 20;

    public Task<CommandReply> HandleAsync(ChatUser user, string text, CancellationToken ct = default) =>
        HandleAsync(user, AccessCommandParser.Parse(text), ct);

    /// <summary>A command a surface built itself (a submitted form), answered exactly as the typed one would be.</summary>
    public async Task<CommandReply> HandleAsync(ChatUser user, AccessCommand command, CancellationToken ct = default)
    {
        if (command is AccessCommand.Invalid invalid)
        {
            return CommandReply.Error(invalid.Message, invalid.Example);
        }

        if (command is AccessCommand.NotACommand other)
        {
            return CommandReply.Usage(other.FirstWord.Length == 0 ? "that is not a command." : $"'{Quoted.Shorten(other.FirstWord)}' is not a command.");
        }

        if (command is AccessCommand.Help)
        {
            return new CommandReply(new ChatCard { Title = "ChatOpsJit: just-in-time node access", Code = HelpText.Usage });
        }

        var person = await directory.FindAsync(user.Email, ct).ConfigureAwait(false);
        if (person is null)
        {
            return NotInDirectory(user);
        }

        return command switch
        {
            AccessCommand.Request r => Summarize(await workflow.SubmitAsync(user, r.Nodes, r.Reason, r.Duration, r.RunAs, ct).ConfigureAwait(false)),
            AccessCommand.MissingReason m => await MissingReasonAsync(m, ct).ConfigureAwait(false),
            AccessCommand.List => await ListAsync(person, ct).ConfigureAwait(false),
            AccessCommand.Status s => await StatusAsync(person, s.RequestId, ct).ConfigureAwait(false),
            AccessCommand.Cancel c => Reply(await workflow.CancelAsync(c.RequestId, user, ct).ConfigureAwait(false)),
            AccessCommand.Revoke r => Reply(await workflow.RevokeAsync(r.RequestId, user, ct).ConfigureAwait(false)),
            AccessCommand.Extend e => Reply(await workflow.ExtendAsync(e.RequestId, user, e.By, ct).ConfigureAwait(false)),
            AccessCommand.Policies p => await PoliciesAsync(person, p.Node, ct).ConfigureAwait(false),
            _ => CommandReply.Error("unknown command.", "access help"),
        };
    }

    /// <summary>
    /// A button press as a platform delivers it: the verb and request id from the payload, nothing else trusted, and
    /// <paramref name="input"/> when the presser confirmed the prompt an earlier press returned.
    /// </summary>
    public Task<ActionResult> HandleActionAsync(ChatUser user, string? verb, string? requestId, ActionInput? input = null, CancellationToken ct = default) =>
        CardVerbs.TryParse(verb, out var parsed)
            ? HandleActionAsync(user, parsed, requestId ?? "", input, ct)
            : Task.FromResult(ActionResult.Refused($"unknown action '{Quoted.Shorten(verb ?? "")}'; a button sends one of {CardVerbs.Known}."));

    /// <summary>A button press: the payload names only the request; the workflow checks who pressed it, now.</summary>
    public async Task<ActionResult> HandleActionAsync(ChatUser user, CardVerb verb, string requestId, ActionInput? input = null, CancellationToken ct = default)
    {
        if (!RequestId.LooksValid(requestId))
        {
            return ActionResult.Refused("that button does not name a request.");
        }

        if (verb.Prompts() && input?.Confirmed != true)
        {
            return await workflow.PromptAsync(verb, requestId, user, ct).ConfigureAwait(false);
        }

        if (verb == CardVerb.Credentials)
        {
            return await workflow.IssueCredentialsAsync(requestId, user, ct).ConfigureAwait(false);
        }

        // What was typed into the Extend prompt; empty asks for the request's own duration again.
        TimeSpan? by = null;
        if (verb == CardVerb.Extend && input?.Text is { } typed)
        {
            if (!DurationText.TryParse(typed, out var extra, out var problem))
            {
                return ActionResult.Refused(problem!);
            }

            by = extra;
        }

        var result = verb switch
        {
            CardVerb.Approve => await workflow.ApproveAsync(requestId, user, ct).ConfigureAwait(false),
            CardVerb.Reject => await workflow.RejectAsync(requestId, user, input?.Text, ct).ConfigureAwait(false),
            CardVerb.Revoke => await workflow.RevokeAsync(requestId, user, ct).ConfigureAwait(false),
            CardVerb.Cancel => await workflow.CancelAsync(requestId, user, ct).ConfigureAwait(false),
            CardVerb.Extend => await workflow.ExtendAsync(requestId, user, by, ct).ConfigureAwait(false),
            CardVerb.ApproveExtension => await workflow.ApproveExtensionAsync(requestId, user, ct).ConfigureAwait(false),
            CardVerb.RejectExtension => await workflow.RejectExtensionAsync(requestId, user, input?.Text, ct).ConfigureAwait(false),
            // A verb added to the enum without a line here is refused, never read as another action.
            _ => WorkflowResult.Refused($"the {verb.WireName()} button is not handled yet."),
        };

        // The card the button sat on, as it is now: the approvers' card for their verbs, else the requester's.
        var card = result.Request is not { } request ? null
            : verb.IsApproverVerb() ? workflow.Cards.Approval(request) : workflow.Cards.ForRequester(request);
        return new ActionResult(result.Ok, result.Message, card);
    }

    /// <summary>
    /// A request's card as it stands now, for a surface that redraws a card when someone looks at it (Teams' refresh), to
    /// those who may see the request at all (as with <c>access status</c>): the approvers' card to the requester and the
    /// approvers, the requester's card to the requester alone. Null when the request does not exist or is not theirs to see;
    /// nothing changes. The id comes from the client, so the rule is the same whatever card it claims to refresh.
    /// </summary>
    public async Task<ChatCard?> CurrentCardAsync(ChatUser user, string requestId, CardAudience card, CancellationToken ct = default)
    {
        if (!RequestId.LooksValid(requestId) || await directory.FindAsync(user.Email, ct).ConfigureAwait(false) is not { } person ||
            await workflow.FindAsync(requestId, ct).ConfigureAwait(false) is not { } request || !MaySee(request, person))
        {
            return null;
        }

        return card == CardAudience.Approvers ? workflow.Cards.Approval(request)
            : string.Equals(request.RequesterEmail, user.Email, StringComparison.OrdinalIgnoreCase) ? workflow.Cards.ForRequester(request)
            : null;
    }

    /// <summary>
    /// A person's own recent requests and those waiting for their approval, drawn as the cards they would get in chat (with
    /// the same buttons), for a surface that shows a standing overview such as Slack's App Home.
    /// </summary>
    public async Task<RequestOverview> OverviewAsync(ChatUser user, int limit = 10, CancellationToken ct = default)
    {
        var person = await directory.FindAsync(user.Email, ct).ConfigureAwait(false);
        if (person is null)
        {
            return new RequestOverview(NotInDirectory(user).Card, [], []);
        }

        var mine = await workflow.ListAsync(new RequestQuery(RequesterEmail: person.Email, Limit: limit), ct).ConfigureAwait(false);
        var waitingForMe = await workflow.WaitingForAsync(person, ct).ConfigureAwait(false);
        return new RequestOverview(null, mine.Select(workflow.Cards.ForRequester).ToList(), waitingForMe.Take(limit).Select(workflow.Cards.Approval).ToList());
    }

    private static CommandReply NotInDirectory(ChatUser user) => CommandReply.Error($"{user.Email} is not in the directory; ask an administrator to add you.");

    // One word after "access": a node someone forgot the reason for, or a verb that does not exist.
    private async Task<CommandReply> MissingReasonAsync(AccessCommand.MissingReason command, CancellationToken ct)
    {
        var word = command.Nodes[0];
        var lookup = await inventory.FindAsync(word, ct).ConfigureAwait(false);
        return lookup is NodeLookup.NotFound && !NodeRules.LooksLikeId(word)
            ? CommandReply.Usage($"'{Quoted.Shorten(word)}' is not a command or a node I know.")
            : CommandReply.Error(ReasonText.Missing, AccessCommandParser.RequestExample);
    }

    private static CommandReply Reply(WorkflowResult result) =>
        result.Ok ? CommandReply.Info(result.Message) : CommandReply.Error(result.Message);

    private static CommandReply Summarize(IReadOnlyList<WorkflowResult> results)
    {
        if (results.Count == 1)
        {
            return Reply(results[0]);
        }

        var card = new ChatCard
        {
            Title = $"{results.Count(r => r.Ok)} of {results.Count} requests submitted",
            Fields = results.Select((r, i) => new CardField(r.Request?.NodeName ?? $"#{i + 1}", r.Message)).ToList(),
            Tone = results.All(r => r.Ok) ? CardTone.Neutral : CardTone.Warning,
        };
        return new CommandReply(card, results.All(r => !r.Ok));
    }

    private async Task<CommandReply> ListAsync(DirectoryUser person, CancellationToken ct)
    {
        var mine = await workflow.ListAsync(new RequestQuery(RequesterEmail: person.Email, Limit: 10), ct).ConfigureAwait(false);
        var waitingForMe = await workflow.WaitingForAsync(person, ct).ConfigureAwait(false);
        var fields = mine.Select(r => new CardField($"{r.Id} · {r.NodeName}", RequestCards.StatusText(r)))
            .Concat(waitingForMe.Select(r => new CardField(
                $"{r.Id} · {r.NodeName} ({(r.State == AccessRequestState.Pending ? "waiting for you" : "extension waiting for you")})",
                $"{People.Display(r.RequesterName, r.RequesterEmail)}: {r.Reason}")))
            .ToList();
        return new CommandReply(new ChatCard
        {
            Title = fields.Count == 0 ? "You have no access requests." : "Your access requests",
            Fields = fields,
            Actions = waitingForMe.SelectMany(r => workflow.Cards.Approval(r).Actions).ToList(),
        });
    }

    private async Task<CommandReply> StatusAsync(DirectoryUser person, string id, CancellationToken ct)
    {
        var request = await workflow.FindAsync(id, ct).ConfigureAwait(false);
        return request is not null && MaySee(request, person)
            ? new CommandReply(RequestCards.Status(request))
            : CommandReply.Error($"there is no request {id} that you asked for or approve.");
    }

    // Who may look at a request: whoever asked for it, and the approvers of any of its levels.
    private static bool MaySee(AccessRequest request, DirectoryUser person) =>
        string.Equals(request.RequesterEmail, person.Email, StringComparison.OrdinalIgnoreCase) || request.Levels.Any(l => l.Approvers.Any(person.Matches));

    private async Task<CommandReply> PoliciesAsync(DirectoryUser person, string? nodeName, CancellationToken ct)
    {
        if (!policy.IsLoaded)
        {
            return CommandReply.Error("access policies are not loaded yet.");
        }

        IReadOnlyList<Node> nodes;
        string? footer = null;
        if (nodeName is null)
        {
            var page = await inventory.ListAsync(MaxPolicyRows, cancellationToken: ct).ConfigureAwait(false);
            nodes = page.Nodes;
            footer = page.Next is null ? null : $"The first {MaxPolicyRows} nodes; name one for its answer: access policies <node>";
        }
        else
        {
            var lookup = await inventory.FindAsync(nodeName, ct).ConfigureAwait(false);
            if (lookup is not NodeLookup.Found found)
            {
                return CommandReply.Error(lookup is NodeLookup.Ambiguous ambiguous ? NodeRules.Ambiguous(ambiguous) : NodeRules.NotFound(nodeName), "access policies web-1");
            }

            nodes = [found.Node];
        }

        var fields = nodes.Select(n => new CardField(n.Display, Outcome(policy.Decide(person, n)))).ToList();
        return new CommandReply(new ChatCard { Title = $"What would happen if {person.DisplayName} asked", Fields = fields, Footer = footer });
    }

    private static string Outcome(PolicyDecision decision) => decision switch
    {
        PolicyDecision.AutoApproved a => $"approved at once for {DurationText.Format(a.Duration)}. {a.Explanation}",
        PolicyDecision.NeedsApproval => $"needs approval. {decision.Explanation}",
        PolicyDecision.Failed => $"fails. {decision.Explanation}",
        _ => $"denied. {decision.Explanation}",
    };
}
