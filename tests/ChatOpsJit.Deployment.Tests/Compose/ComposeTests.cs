using System.Text.RegularExpressions;
using ChatOpsJit.Deployment.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChatOpsJit.Deployment.Tests.Compose;

/// <summary>deploy/compose.yaml parsed: replicas sharing one PostgreSQL behind nginx, Mailpit, health checks, secrets from .env.</summary>
public sealed partial class ComposeTests
{
    private static readonly string Text = Repository.Read("deploy", "compose.yaml");
    private static readonly YamlMappingNode Compose = Yaml.Document(Text);
    private static readonly YamlMappingNode Services = Compose.Map("services");

    private static YamlMappingNode Service(string name) => Services.Map(name);

    private static IReadOnlyDictionary<string, string> Env(string service) => Service(service).Strings("environment");

    private static Dictionary<string, string> ConnectionString(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);

    [Test]
    public void It_runs_chatopsjit_a_load_balancer_postgres_15_and_mailpit()
    {
        Assert.That(Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value), Is.EquivalentTo(new[] { "chatopsjit", "lb", "postgres", "mailpit" }));
        Assert.That(Service("postgres").Text("image"), Does.StartWith("postgres:15"));
        Assert.That(Service("mailpit").Text("image"), Does.StartWith("axllent/mailpit"));
        Assert.That(Service("lb").Text("image"), Does.StartWith("nginx:"));
        Assert.That(Service("chatopsjit").Text("build.dockerfile"), Is.EqualTo("deploy/docker/Dockerfile"));
        Assert.That(Service("chatopsjit").Text("build.context"), Is.EqualTo(".."));
    }

    [Test]
    public void Two_or_three_replicas_share_the_one_postgres_database()
    {
        var replicas = int.Parse(Service("chatopsjit").Text("deploy.replicas")!, System.Globalization.CultureInfo.InvariantCulture);
        var env = Env("chatopsjit");
        var connection = ConnectionString(env["Storage__ConnectionString"]);
        var postgres = Env("postgres");

        Assert.That(replicas, Is.InRange(2, 3));
        Assert.That(env["Storage__Provider"], Is.EqualTo("postgres"));
        Assert.That(connection["Host"], Is.EqualTo("postgres"), "the compose service name");
        Assert.That(connection["Database"], Is.EqualTo(postgres["POSTGRES_DB"]));
        Assert.That(connection["Username"], Is.EqualTo(postgres["POSTGRES_USER"]));
        Assert.That(Variable(connection["Password"]), Is.EqualTo(Variable(postgres["POSTGRES_PASSWORD"])).And.EqualTo("POSTGRES_PASSWORD"));
        Assert.That(Services.Children.Values.Count(s => s.Text("image")?.StartsWith("postgres", StringComparison.Ordinal) == true), Is.EqualTo(1));
        // A fixed name or host port would stop a second replica from starting.
        Assert.That(Service("chatopsjit").At("container_name"), Is.Null);
        Assert.That(Service("chatopsjit").At("ports"), Is.Null);
    }

    [Test]
    public void A_stopping_replica_is_given_longer_than_the_workers_drain_timeout()
    {
        // Docker's default of 10 s equals Workers:DrainTimeout's, so a replica still finishing its posts would be killed.
        var grace = Service("chatopsjit").Text("stop_grace_period");
        Assert.That(grace, Does.Match("^[0-9]+s$"));
        Assert.That(int.Parse(grace![..^1], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(10));
    }

    [Test]
    public void Every_replica_seals_the_chain_with_the_one_audit_key_from_env()
    {
        Assert.That(Variable(Env("chatopsjit")["Audit__Key"]), Is.EqualTo("AUDIT_KEY"));
        Assert.That(Env("chatopsjit")["Audit__Key"], Does.Contain(":?"), "a missing key stops compose with a message");
    }

    [Test]
    public void Mail_goes_to_mailpits_smtp_port_and_its_page_is_published()
    {
        var env = Env("chatopsjit");

        Assert.That(env["Email__SmtpHost"], Is.EqualTo("mailpit"));
        Assert.That(env["Email__SmtpPort"], Is.EqualTo("1025"), "Mailpit's SMTP port");
        Assert.That(env["Email__Security"], Is.EqualTo("None"));
        Assert.That(Service("mailpit").Texts("ports").Single(), Does.EndWith(":8025"));
    }

    [Test]
    public void Every_service_has_a_healthcheck_and_starts_after_what_it_needs_is_healthy()
    {
        foreach (var service in new[] { "chatopsjit", "lb", "postgres", "mailpit" })
        {
            Assert.That(Service(service).List("healthcheck.test"), Is.Not.Empty, service);
        }

        Assert.That(Service("chatopsjit").Texts("healthcheck.test"), Is.EqualTo(new[] { "CMD", "/app/ChatOpsJit.Host", "healthcheck", "http://127.0.0.1:8080/healthz" }));
        Assert.That(Service("chatopsjit").Text("depends_on.postgres.condition"), Is.EqualTo("service_healthy"));
        Assert.That(Service("chatopsjit").Text("depends_on.mailpit.condition"), Is.EqualTo("service_healthy"));
        Assert.That(Service("lb").Text("depends_on.chatopsjit.condition"), Is.EqualTo("service_healthy"));
    }

    [Test]
    public void The_replicas_run_read_only_as_the_images_user_without_capabilities()
    {
        var chatopsjit = Service("chatopsjit");

        Assert.That(chatopsjit.Text("read_only"), Is.EqualTo("true"));
        Assert.That(chatopsjit.Texts("tmpfs"), Is.EqualTo(new[] { "/tmp" }));
        Assert.That(chatopsjit.Texts("volumes"), Is.EqualTo(new[] { "/data" }));
        Assert.That(chatopsjit.Text("user"), Is.EqualTo("1654:1654"));
        Assert.That(chatopsjit.Texts("cap_drop"), Is.EqualTo(new[] { "ALL" }));
    }

    [Test]
    public void The_load_balancer_spreads_over_every_replica_and_is_the_only_way_in()
    {
        var nginx = Repository.Read("deploy", "nginx", "nginx.conf");
        var mount = Service("lb").Texts("volumes").Single();

        Assert.That(mount, Is.EqualTo("./nginx/nginx.conf:/etc/nginx/nginx.conf:ro"));
        Assert.That(File.Exists(Repository.Path("deploy", "nginx", "nginx.conf")), Is.True);
        Assert.That(nginx, Does.Contain("server chatopsjit:8080 resolve;"), "re-resolved, so every replica's address is used");
        Assert.That(nginx, Does.Contain("resolver 127.0.0.11"), "Docker's DNS");
        Assert.That(nginx, Does.Contain("proxy_pass http://chatopsjit;"));
        Assert.That(nginx, Does.Contain("listen 8080;"));
        Assert.That(Service("lb").Texts("ports").Single(), Does.EndWith(":8080"));
    }

    [Test]
    public void Secrets_come_only_from_variables_and_the_example_env_file_names_each_variable_without_a_real_value()
    {
        var secrets = new[] { "Slack__SigningSecret", "Slack__BotToken", "Slack__AppToken", "Teams__AppPassword", "Audit__Key" };
        var example = Repository.Read("deploy", ".env.example").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var used = VariableUse().Matches(Text).Select(m => m.Groups[1].Value).ToHashSet();

        foreach (var key in secrets)
        {
            Assert.That(Variable(Env("chatopsjit")[key]), Is.Not.Null, $"{key} is written into compose.yaml");
        }

        Assert.That(example.Keys, Is.SupersetOf(used), "every variable compose reads is in .env.example");
        foreach (var secret in new[] { "AUDIT_KEY", "SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "TEAMS_APP_PASSWORD" })
        {
            Assert.That(example[secret], Is.Empty, $"{secret} has a value in .env.example");
        }

        Assert.That(example["POSTGRES_PASSWORD"], Is.EqualTo("change-me"));
    }

    [Test]
    public void The_filled_in_env_file_is_never_committed_or_sent_to_the_builder()
    {
        Assert.That(Repository.Read(".gitignore").Split('\n').Select(l => l.Trim()), Does.Contain("deploy/.env"));
        Assert.That(Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()), Does.Contain("**/.env"));
    }

    /// <summary>The variable a <c>${NAME…}</c> value reads, or null for a literal.</summary>
    private static string? Variable(string value)
    {
        var match = VariableUse().Match(value);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)")]
    private static partial Regex VariableUse();
}
