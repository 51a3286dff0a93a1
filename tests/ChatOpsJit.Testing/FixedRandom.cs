namespace ChatOpsJit.Testing;

/// <summary>A Random whose NextDouble is fixed, to pin jitter at its bounds.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
