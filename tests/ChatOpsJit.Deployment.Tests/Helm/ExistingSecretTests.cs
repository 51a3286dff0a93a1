using ChatOpsJit.Deployment.Tests.Support;

namespace ChatOpsJit.Deployment.Tests.Helm;

/// <summary>Each section's <c>existingSecret</c> takes the place of the Secret the chart would render from its values.</summary>
public sealed class ExistingSecretTests
{
    private static readonly string[] Postgres = ["storage.provider=postgres", "storage.connectionString=Host=db;Password=p", "audit.key=a2V5"];

    // section, the values that would fill the chart's Secret, one env it feeds and the key it reads.
    private static readonly object[] Sections =
    [
        new object[] { "slack", new[] { "slack.signingSecret=s", "slack.botToken=placeholder-bot-token-1" }, "Slack__BotToken", "bot-token" },
        new object[] { "teams", new[] { "teams.appId=a", "teams.appPassword=p", "teams.tenantId=t" }, "Teams__AppPassword", "app-password" },
        new object[] { "aws", new[] { "aws.accessKeyId=AKIAEXAMPLE", "aws.secretAccessKey=s" }, "AWS_SECRET_ACCESS_KEY", "aws-secret-access-key" },
        new object[] { "email", new[] { "email.username=u", "email.password=p" }, "Email__Password", "smtp-password" },
        new object[] { "audit", new[] { "audit.key=a2V5" }, "Audit__Key", "audit-key" },
        new object[] { "storage", new[] { "storage.provider=postgres", "storage.connectionString=Host=db;Password=p", "audit.key=a2V5" }, "Storage__ConnectionString", "connection-string" },
    ];

    [TestCaseSource(nameof(Sections))]
    public async Task Values_alone_render_the_charts_secret_and_the_env_reads_it(string section, string[] sets, string env, string key)
    {
        var rendered = await HelmChart.RenderAsync(null, sets);

        Assert.That(rendered.OfKind("Secret").Select(s => s.Text("metadata.name")), Does.Contain($"{HelmChart.FullName}-{section}"));
        Assert.That(rendered.SecretRef(env), Is.EqualTo(($"{HelmChart.FullName}-{section}", key, env is "Email__Password")));
    }

    [TestCaseSource(nameof(Sections))]
    public async Task An_existing_secret_replaces_the_charts_secret_even_beside_values(string section, string[] sets, string env, string key)
    {
        var rendered = await HelmChart.RenderAsync(null, [.. sets, $"{section}.existingSecret=ops-{section}"]);

        Assert.That(rendered.OfKind("Secret").Select(s => s.Text("metadata.name")), Has.No.Member($"{HelmChart.FullName}-{section}"));
        Assert.That(rendered.SecretRef(env), Is.EqualTo(($"ops-{section}", key, env is "Email__Password")));
    }

    [Test]
    public async Task An_existing_secret_alone_switches_its_section_on()
    {
        var rendered = await HelmChart.RenderAsync(null, "slack.existingSecret=ops-slack");

        Assert.That(rendered.OfKind("Secret"), Is.Empty);
        Assert.That(rendered.SecretRef("Slack__SigningSecret"), Is.EqualTo(("ops-slack", "signing-secret", false)));
        Assert.That(rendered.SecretRef("Slack__AppToken"), Is.EqualTo(("ops-slack", "app-token", true)), "Socket Mode is optional");
    }

    [Test]
    public async Task An_existing_audit_secret_may_hold_retired_keys_which_are_optional()
    {
        var rendered = await HelmChart.RenderAsync(null, [.. Postgres, "audit.existingSecret=ops-audit"]);

        Assert.That(rendered.SecretRef("Audit__Key"), Is.EqualTo(("ops-audit", "audit-key", false)));
        Assert.That(rendered.SecretRef("Audit__RetiredKeys__0"), Is.EqualTo(("ops-audit", "retired-key-0", true)));
        Assert.That(rendered.SecretRef("Audit__RetiredKeys__4"), Is.EqualTo(("ops-audit", "retired-key-4", true)));
    }

    [Test]
    public async Task A_renamed_connection_string_key_is_read_from_the_existing_secret()
    {
        var rendered = await HelmChart.RenderAsync(null,
            "storage.provider=postgres", "storage.existingSecret=rds-login", "storage.existingSecretKey=npgsql", "audit.key=a2V5");

        Assert.That(rendered.SecretRef("Storage__ConnectionString"), Is.EqualTo(("rds-login", "npgsql", false)));
    }
}
