namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>What a manual policy says about asking for more time on an active grant (<c>extension:</c> in its file).</summary>
public enum ExtensionRule
{
    /// <summary>The policy's approvers must approve the extension again, level by level (the default).</summary>
    Approve,
    /// <summary>The extension is granted at once, within the policy's maximum.</summary>
    Auto,
    /// <summary>No extensions: ask again with a new request.</summary>
    Never,
}
