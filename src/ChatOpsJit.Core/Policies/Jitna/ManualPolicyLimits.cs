namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>JITNA's published limits on manual policies (ChatOpsJit allows windows shorter than an hour).</summary>
public static class ManualPolicyLimits
{
    public const int MaxPolicies = 50;
    public const int MaxLevels = 5;
    public const int MaxApproversPerLevel = 5;
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(336);
}
