using ChatOpsJit.Testing.Aws;

namespace ChatOpsJit.Aws.Tests.StandIn;

public sealed class FleetTests
{
    private static readonly string[] Accounts = ["111111111111", "222222222222"];
    private static readonly string[] Regions = ["eu-west-1", "us-east-1", "ap-southeast-2"];

    [Test]
    public void The_same_seed_gives_the_same_fleet_and_another_seed_another()
    {
        var first = AwsFleet.Generate(200, Accounts, Regions, 1);
        var again = AwsFleet.Generate(200, Accounts, Regions, 1);
        var other = AwsFleet.Generate(200, Accounts, Regions, 2);

        Assert.That(again.Select(n => (n.Id, n.Name, n.Account, n.Region)), Is.EqualTo(first.Select(n => (n.Id, n.Name, n.Account, n.Region))));
        Assert.That(other.Select(n => n.Id), Is.Not.EqualTo(first.Select(n => n.Id)));
    }

    [Test]
    public void A_fleet_has_hybrid_nodes_lost_nodes_tags_and_names_shared_across_accounts_or_Regions()
    {
        var fleet = AwsFleet.Generate(500, Accounts, Regions, 42);

        Assert.That(fleet.Count(n => n.IsHybrid), Is.InRange(25, 80));
        Assert.That(fleet.Count(n => n.PingStatus == "ConnectionLost"), Is.InRange(5, 50));
        Assert.That(fleet.All(n => n.Tags!.ContainsKey("Environment") && n.Tags.ContainsKey("Team")));
        Assert.That(fleet.Select(n => n.Id).Distinct().Count(), Is.EqualTo(500));
        Assert.That(fleet.All(n => System.Text.RegularExpressions.Regex.IsMatch(n.Name, @"^[a-z]+-\d{4}$")));
        var shared = fleet.GroupBy(n => n.Name).Where(g => g.Count() > 1).ToList();
        Assert.That(shared, Is.Not.Empty);
        Assert.That(shared.All(g => g.Select(n => (n.Account, n.Region)).Distinct().Count() == g.Count()));
    }
}
