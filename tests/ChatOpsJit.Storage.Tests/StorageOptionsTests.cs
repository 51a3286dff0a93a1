using System.ComponentModel.DataAnnotations;
using ChatOpsJit.Storage.Audit;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Storage.Tests;

public sealed class StorageOptionsTests
{
    [TestCase("sqlite")]
    [TestCase("SQLite")]
    [TestCase("postgres")]
    [TestCase("Postgres")]
    public void Sqlite_and_postgres_are_accepted_in_any_letter_case(string provider)
    {
        Assert.That(Problems(new StorageOptions { Provider = provider }), Is.Empty);
    }

    [Test]
    public void An_unknown_provider_is_refused_in_one_line_naming_both_providers_with_an_example()
    {
        var problems = Problems(new StorageOptions { Provider = "oracle" });

        Assert.That(problems, Is.EqualTo(new[]
        {
            "Storage:Provider must be 'sqlite' or 'postgres' (for example Storage__Provider=postgres with " +
            "Storage__ConnectionString='Host=db;Username=chatopsjit;Password=…;Database=chatopsjit').",
        }));
    }

    [TestCase("Data Source=./data/chatopsjit.db", "Storage:ConnectionString: the PostgreSQL connection string is not valid (")]
    [TestCase("Username=chatopsjit;Database=chatopsjit", "Storage:ConnectionString: the PostgreSQL connection string names no Host; for example Host=db;")]
    public void A_postgres_connection_string_that_cannot_reach_a_server_is_refused_at_start_up(string connectionString, string start)
    {
        var result = new StorageOptionsValidation().Validate(null, new StorageOptions { Provider = "postgres", ConnectionString = connectionString });

        Assert.That(result.Failures, Has.Exactly(1).StartsWith(start));
        Assert.That(new StorageOptionsValidation().Validate(null, new StorageOptions { Provider = "postgres", ConnectionString = "Host=db;Password=s3cret" }).Succeeded, Is.True);
    }

    [Test]
    public void A_bad_postgres_connection_string_is_reported_without_its_password()
    {
        var result = new StorageOptionsValidation().Validate(null, new StorageOptions { Provider = "postgres", ConnectionString = "Password=s3cret-value;Colour=blue" });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Not.Contain("s3cret-value"));
    }

    [Test]
    public void Postgres_without_an_audit_key_or_key_file_is_refused_in_one_line_naming_both_settings()
    {
        var validation = new AuditOptionsValidation(Options.Create(new StorageOptions { Provider = "postgres", ConnectionString = "Host=db;Database=chatopsjit" }));

        var result = validation.Validate(null, new AuditOptions());

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Is.EqualTo(new[]
        {
            "Audit: with Storage:Provider=postgres set Audit:Key (base64, for example from Audit__Key) or Audit:KeyFile " +
            "(a key ring file every replica can read): there is no database file to keep the key beside.",
        }));
        Assert.That(result.Failures.Single(), Does.Not.Contain("\n"));
    }

    [Test]
    public void Postgres_with_an_audit_key_passes_and_anchors_in_the_local_data_folder_by_default()
    {
        var storage = new StorageOptions { Provider = "postgres", ConnectionString = "Host=db;Database=chatopsjit" };
        var audit = new AuditOptions { Key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()) };

        Assert.That(new AuditOptionsValidation(Options.Create(storage)).Validate(null, audit).Succeeded, Is.True);
        Assert.That(AuditPaths.AnchorFile(audit, storage), Is.EqualTo(Path.GetFullPath("./data/chatopsjit.audit-anchor")));
        Assert.That(AuditPaths.AnchorFile(new AuditOptions { AnchorFile = "/var/lib/chatopsjit/anchor" }, storage), Is.EqualTo("/var/lib/chatopsjit/anchor"));
        Assert.That(AuditKeys.Load(audit, storage).Origin, Is.EqualTo("Audit:Key"));
    }

    [Test]
    public void Postgres_without_a_key_file_cannot_fall_back_to_a_file_beside_the_database()
    {
        var storage = new StorageOptions { Provider = "postgres", ConnectionString = "Host=db;Database=chatopsjit" };

        var e = Assert.Throws<InvalidOperationException>(() => AuditPaths.KeyFile(new AuditOptions(), storage));

        Assert.That(e!.Message, Does.StartWith("Audit: with Storage:Provider=postgres set Audit:Key"));
        Assert.That(AuditPaths.KeyFile(new AuditOptions { KeyFile = "/etc/chatopsjit/key" }, storage), Is.EqualTo("/etc/chatopsjit/key"));
    }

    private static List<string?> Problems(StorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage).ToList();
    }
}
