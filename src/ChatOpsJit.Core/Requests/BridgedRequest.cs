namespace ChatOpsJit.Core.Requests;

/// <summary>
/// Marks a request that mirrors one made in another system (AWS JITNA), which stays the decision maker and enforcer:
/// ChatOpsJit asks the approvers in chat and relays their decisions; it mints no credentials for it.
/// </summary>
/// <param name="System">The system that owns the request, e.g. <c>JITNA</c>.</param>
/// <param name="ExternalId">Its id there (a JITNA access request is an OpsItem, <c>oi-…</c>).</param>
/// <param name="ExecutionId">What a decision is relayed to (JITNA: the Automation execution id).</param>
public sealed record BridgedRequest(string System, string ExternalId, string ExecutionId);

/// <summary>A request found in another system, to be put before ChatOpsJit's approvers.</summary>
/// <param name="Channels">Where the approval card goes, per chat platform (the bridged account's channels, not the policy's).</param>
public sealed record BridgedSubmission(BridgedRequest Bridge, string RequesterEmail, string NodeId, string Reason, IReadOnlyDictionary<Chat.PlatformName, string> Channels);
