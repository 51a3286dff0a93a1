namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>Small helpers that keep the generators readable.</summary>
internal static class RandomExtensions
{
    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public static int Weighted(this Random rng, params int[] weights)
    {
        var roll = rng.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}
