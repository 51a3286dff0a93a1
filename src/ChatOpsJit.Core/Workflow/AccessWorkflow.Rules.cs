using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Workflow;

/// <summary>Which rule decides who may press each button: one table, so a prompt asks exactly those the action lets through.</summary>
public sealed partial class AccessWorkflow
{
    private Func<AccessRequest, DirectoryUser?, ApprovalCheck> RuleFor(CardVerb verb, ChatUser presser) => verb switch
    {
        CardVerb.Approve => (r, user) => ApprovalRules.CheckApprover(r, presser.Email, user),
        CardVerb.Reject => (r, user) => ApprovalRules.CheckRejecter(r, presser.Email, user),
        CardVerb.Cancel => ApprovalRules.CheckCanceller,
        CardVerb.Revoke => (r, user) => ApprovalRules.CheckRevoker(r, user, _options.AllowRevokingAutoApproved),
        CardVerb.Extend => ExtensionRules.CheckExtender,
        CardVerb.ApproveExtension => (r, user) => ApprovalRules.CheckExtensionApprover(r, presser.Email, user),
        CardVerb.RejectExtension => (r, user) => ApprovalRules.CheckExtensionRejecter(r, presser.Email, user),
        _ => (_, _) => ApprovalCheck.No($"the {verb.WireName()} button is not handled here."),
    };
}
