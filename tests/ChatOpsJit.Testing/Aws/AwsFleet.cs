using System.Globalization;

namespace ChatOpsJit.Testing.Aws;

/// <summary>A made-up but deterministic fleet: the same seed gives the same nodes, so a failing test can be rerun as it was.</summary>
public static class AwsFleet
{
    private static readonly string[] Roles = ["web", "api", "db", "worker", "cache", "batch"];
    private static readonly string[] Environments = ["production", "staging", "development"];
    private static readonly string[] Teams = ["payments", "platform", "search", "identity"];

    /// <summary>
    /// <paramref name="count"/> nodes spread over the accounts and Regions: named like web-0042, tagged Environment and Team,
    /// about 10% hybrid (mi-), about 5% ConnectionLost, about 15% Windows; every 20th node takes the Name of an earlier one in
    /// another account or Region, so a lookup by name can be ambiguous.
    /// </summary>
    public static IReadOnlyList<AwsNode> Generate(int count, IReadOnlyList<string> accounts, IReadOnlyList<string> regions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfZero(accounts.Count);
        ArgumentOutOfRangeException.ThrowIfZero(regions.Count);
        var random = new Random(seed);
        var nodes = new List<AwsNode>(count);
        var twinned = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var account = accounts[random.Next(accounts.Count)];
            var region = regions[random.Next(regions.Count)];
            var name = $"{Roles[random.Next(Roles.Length)]}-{i.ToString("D4", CultureInfo.InvariantCulture)}";
            if (i % 20 == 19 && accounts.Count * regions.Count > 1)
            {
                // A twin: an earlier node's name, placed where that node is not; a name is shared by two nodes at most.
                var candidates = nodes.Where(n => !twinned.Contains(n.Name)).ToList();
                var twin = candidates[random.Next(candidates.Count)];
                name = twin.Name;
                twinned.Add(name);
                (account, region) = Elsewhere(twin, accounts, regions, random);
            }

            var hybrid = random.NextDouble() < 0.10;
            var roll = random.NextDouble();
            nodes.Add(new AwsNode(
                account,
                region,
                (hybrid ? "mi-" : "i-") + Hex(random, 17),
                name,
                random.NextDouble() < 0.15 ? "Windows" : "Linux",
                roll < 0.05 ? "ConnectionLost" : roll < 0.07 ? "Inactive" : "Online",
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Environment"] = Environments[random.Next(Environments.Length)],
                    ["Team"] = Teams[random.Next(Teams.Length)],
                }));
        }

        return nodes;
    }

    private static (string Account, string Region) Elsewhere(AwsNode twin, IReadOnlyList<string> accounts, IReadOnlyList<string> regions, Random random)
    {
        while (true)
        {
            var place = (accounts[random.Next(accounts.Count)], regions[random.Next(regions.Count)]);
            if (place != (twin.Account, twin.Region))
            {
                return place;
            }
        }
    }

    private static string Hex(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => "0123456789abcdef"[random.Next(16)]));
}
