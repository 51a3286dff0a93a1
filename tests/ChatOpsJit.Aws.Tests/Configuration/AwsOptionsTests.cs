using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Aws.Tests.Configuration;

/// <summary>Every AWS setting mistake is one line naming the key, with an example.</summary>
public sealed class AwsOptionsTests
{
    private static List<string> Problems(AwsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    private static AwsOptions Valid() => new()
    {
        Regions = ["eu-west-1"],
        Accounts = [new AwsAccountOptions { Id = "111122223333", TokenRoleArn = "arn:aws:iam::111122223333:role/ChatOpsJitToken" }],
    };

    [Test]
    public void A_complete_setting_has_no_problem() => Assert.That(Problems(Valid()), Is.Empty);

    [Test]
    public void No_regions_means_AWS_is_off_and_nothing_is_a_problem() => Assert.That(Problems(new AwsOptions()), Is.Empty);

    [Test]
    public void A_token_account_without_a_token_role_names_the_key() =>
        Assert.That(Problems(new AwsOptions { Regions = ["eu-west-1"], Accounts = [new AwsAccountOptions { Id = "111122223333" }] }),
            Is.EqualTo(new[] { "Aws:Accounts:0:TokenRoleArn is missing: token grants assume it, e.g. arn:aws:iam::111122223333:role/ChatOpsJitToken." }));

    [Test]
    public void A_role_of_another_account_is_refused()
    {
        var options = Valid();
        options.Accounts[0].InventoryRoleArn = "arn:aws:iam::999999999999:role/Inventory";

        Assert.That(Problems(options).Single(), Does.StartWith("Aws:Accounts:0:InventoryRoleArn must be a role of account 111122223333"));
    }

    [Test]
    public void A_bridge_account_needs_a_channel()
    {
        var options = Valid();
        options.Accounts[0].Grants = "bridge";

        Assert.That(Problems(options).Single(), Does.StartWith("Aws:Accounts:0:BridgeChannels is empty"));
    }

    [TestCase("eu-west")]
    [TestCase("EU-WEST-1")]
    public void A_region_that_is_not_one_is_refused(string region)
    {
        var options = Valid();
        options.Regions = [region];

        Assert.That(Problems(options).Single(), Is.EqualTo($"Aws:Regions: '{region}' is not a Region name; write it like eu-west-1."));
    }

    [Test]
    public void A_plain_http_endpoint_is_refused_unless_it_is_on_loopback()
    {
        var options = Valid();
        options.StsServiceUrl = new Uri("http://sts.example.com/");
        options.ServiceUrl = new Uri("http://127.0.0.1:4566/");

        Assert.That(Problems(options), Is.EqualTo(new[] { "Aws:StsServiceUrl must be an https:// address (http:// only on loopback); got 'http://sts.example.com/'." }));
    }

    [Test]
    public void An_account_listed_twice_is_refused()
    {
        var options = Valid();
        options.Accounts.Add(options.Accounts[0]);

        Assert.That(Problems(options).Single(), Does.StartWith("Aws:Accounts lists account 111122223333 2 times"));
    }
}
