using ChatOpsJit.Deployment.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChatOpsJit.Deployment.Tests.Helm;

/// <summary><c>helm template</c> with values.full.yaml: three replicas on PostgreSQL, every section filled or given an existing Secret.</summary>
public sealed class FullValuesTests
{
    private Rendered rendered = null!;
    private YamlMappingNode values = null!;

    [OneTimeSetUp]
    public async Task Render()
    {
        rendered = await HelmChart.RenderAsync([HelmChart.FullValues]);
        values = Yaml.Document(File.ReadAllText(HelmChart.FullValues));
    }

    [Test]
    public void It_adds_the_Ingress_and_one_Secret_per_section_whose_values_it_holds()
    {
        Assert.That(rendered.Kinds, Is.EqualTo(new[] { "Deployment", "Ingress", "PodDisruptionBudget", "Secret", "Service", "ServiceAccount" }));
        // Teams, AWS and the database name existing Secrets, so the chart renders none for them.
        Assert.That(rendered.OfKind("Secret").Select(s => s.Text("metadata.name")),
            Is.EquivalentTo(new[] { $"{HelmChart.FullName}-slack", $"{HelmChart.FullName}-email", $"{HelmChart.FullName}-audit" }));
    }

    [Test]
    public void Three_replicas_run_on_postgres_with_rolling_updates()
    {
        Assert.That(rendered.Deployment.Text("spec.replicas"), Is.EqualTo("3"));
        Assert.That(rendered.Deployment.At("spec.strategy"), Is.Null, "the default RollingUpdate");
        Assert.That(rendered.EnvValue("Storage__Provider"), Is.EqualTo("postgres"));
    }

    [Test]
    public void The_connection_string_is_read_from_the_existing_database_secret()
    {
        Assert.That(rendered.SecretRef("Storage__ConnectionString"), Is.EqualTo(("chatopsjit-database", "connection-string", false)));
    }

    [Test]
    public void Teams_and_AWS_keys_are_read_from_their_existing_secrets()
    {
        Assert.That(rendered.SecretRef("Teams__AppId"), Is.EqualTo(("chatopsjit-teams-login", "app-id", false)));
        Assert.That(rendered.SecretRef("Teams__AppPassword"), Is.EqualTo(("chatopsjit-teams-login", "app-password", false)));
        Assert.That(rendered.SecretRef("Teams__TenantId"), Is.EqualTo(("chatopsjit-teams-login", "tenant-id", false)));
        Assert.That(rendered.SecretRef("AWS_ACCESS_KEY_ID"), Is.EqualTo(("chatopsjit-aws-keys", "aws-access-key-id", false)));
        Assert.That(rendered.SecretRef("AWS_SECRET_ACCESS_KEY"), Is.EqualTo(("chatopsjit-aws-keys", "aws-secret-access-key", false)));
    }

    [Test]
    public void Slack_values_are_in_the_charts_secret_and_the_env_reads_them_from_it()
    {
        var secret = $"{HelmChart.FullName}-slack";

        Assert.That(rendered.SecretData(secret), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["signing-secret"] = values.Text("slack.signingSecret")!,
            ["bot-token"] = values.Text("slack.botToken")!,
            ["app-token"] = values.Text("slack.appToken")!,
        }));
        Assert.That(rendered.SecretRef("Slack__SigningSecret"), Is.EqualTo((secret, "signing-secret", false)));
        Assert.That(rendered.SecretRef("Slack__BotToken"), Is.EqualTo((secret, "bot-token", false)));
        Assert.That(rendered.SecretRef("Slack__AppToken"), Is.EqualTo((secret, "app-token", true)));
    }

    [Test]
    public void The_audit_key_and_the_retired_key_are_in_the_audit_secret()
    {
        var secret = $"{HelmChart.FullName}-audit";

        Assert.That(rendered.SecretData(secret), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["audit-key"] = values.Text("audit.key")!,
            ["retired-key-0"] = values.Texts("audit.retiredKeys").Single(),
        }));
        Assert.That(rendered.SecretRef("Audit__Key"), Is.EqualTo((secret, "audit-key", false)));
        Assert.That(rendered.SecretRef("Audit__RetiredKeys__0"), Is.EqualTo((secret, "retired-key-0", false)));
        Assert.That(rendered.EnvValue("Audit__AnchorFile"), Is.EqualTo("/data/chatopsjit.audit-anchor"));
    }

    [Test]
    public void The_smtp_login_is_in_the_email_secret_and_the_rest_of_email_is_plain_env()
    {
        var secret = $"{HelmChart.FullName}-email";

        Assert.That(rendered.SecretData(secret), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["smtp-username"] = values.Text("email.username")!,
            ["smtp-password"] = values.Text("email.password")!,
        }));
        Assert.That(rendered.SecretRef("Email__Password"), Is.EqualTo((secret, "smtp-password", true)));
        Assert.That(rendered.EnvValue("Email__SmtpHost"), Is.EqualTo("email-smtp.eu-west-1.amazonaws.com"));
        Assert.That(rendered.EnvValue("Email__SmtpPort"), Is.EqualTo("587"));
        Assert.That(rendered.EnvValue("Email__Security"), Is.EqualTo("StartTls"));
    }

    [Test]
    public void No_secret_value_appears_anywhere_but_in_its_secret()
    {
        var notSecrets = string.Join("\n---\n", rendered.Objects.Where(o => o.Text("kind") != "Secret").Select(o => o.ToString()));
        var secretValues = new[] { "slack.signingSecret", "slack.botToken", "slack.appToken", "email.password", "audit.key" }
            .Select(path => values.Text(path)!).Append(values.Texts("audit.retiredKeys").Single());

        foreach (var value in secretValues)
        {
            Assert.That(notSecrets, Does.Not.Contain(value));
        }
    }

    [Test]
    public async Task A_checksum_of_the_secrets_rolls_the_pods_when_a_secret_changes()
    {
        var before = rendered.Deployment.Map("spec.template.metadata").Strings("annotations")["checksum/secrets"];
        var after = (await HelmChart.RenderAsync([HelmChart.FullValues], "slack.botToken=placeholder-bot-token-rotated"))
            .Deployment.Map("spec.template.metadata").Strings("annotations")["checksum/secrets"];

        Assert.That(before, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(after, Is.Not.EqualTo(before));
    }

    [Test]
    public void The_service_account_carries_the_IRSA_role_and_the_pods_use_it()
    {
        var account = rendered.One("ServiceAccount", "chatopsjit-bot");

        Assert.That(account.Strings("metadata.annotations"), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["eks.amazonaws.com/role-arn"] = "arn:aws:iam::111122223333:role/ChatOpsJitBot",
        }));
        Assert.That(rendered.PodSpec.Text("serviceAccountName"), Is.EqualTo("chatopsjit-bot"));
    }

    [Test]
    public void The_ingress_routes_its_host_to_the_services_port_with_tls()
    {
        var ingress = rendered.One("Ingress");
        var rule = (YamlMappingNode)ingress.List("spec.rules").Single();
        var path = (YamlMappingNode)rule.List("http.paths").Single();
        var service = rendered.One("Service");
        var servicePort = ((YamlMappingNode)service.List("spec.ports").Single()).Text("port");

        Assert.That(ingress.Text("spec.ingressClassName"), Is.EqualTo("nginx"));
        Assert.That(rule.Text("host"), Is.EqualTo("chatopsjit.example.com"));
        Assert.That(path.Text("backend.service.name"), Is.EqualTo(service.Text("metadata.name")));
        Assert.That(path.Text("backend.service.port.number"), Is.EqualTo(servicePort));
        Assert.That(((YamlMappingNode)ingress.List("spec.tls").Single()).Text("secretName"), Is.EqualTo("chatopsjit-tls"));
        Assert.That(ingress.Strings("metadata.annotations"), Does.ContainKey("cert-manager.io/cluster-issuer"));
    }

    [Test]
    public void The_disruption_budget_keeps_two_pods_and_selects_the_pods_despite_extra_pod_labels()
    {
        var pdb = rendered.One("PodDisruptionBudget");
        var podLabels = rendered.Deployment.Strings("spec.template.metadata.labels");

        Assert.That(pdb.Text("spec.minAvailable"), Is.EqualTo("2"));
        Assert.That(pdb.At("spec.maxUnavailable"), Is.Null);
        Assert.That(podLabels["team"], Is.EqualTo("platform"));
        Assert.That(pdb.Strings("spec.selector.matchLabels"), Is.SubsetOf(podLabels));
        Assert.That(pdb.Strings("spec.selector.matchLabels"), Is.EquivalentTo(rendered.Deployment.Strings("spec.selector.matchLabels")));
    }

    [Test]
    public void Resources_and_the_image_come_from_the_values()
    {
        Assert.That(rendered.Container.Text("image"), Is.EqualTo("registry.example.com/platform/chatopsjit:1.2.3"));
        Assert.That(rendered.Container.Text("imagePullPolicy"), Is.EqualTo("Always"));
        Assert.That(rendered.Container.Text("resources.requests.cpu"), Is.EqualTo("250m"));
        Assert.That(rendered.Container.Text("resources.limits.memory"), Is.EqualTo("1Gi"));
        Assert.That(((YamlMappingNode)rendered.PodSpec.List("imagePullSecrets").Single()).Text("name"), Is.EqualTo("registry-login"));
    }

    [Test]
    public void The_AWS_regions_and_accounts_become_the_hosts_indexed_settings()
    {
        Assert.That(rendered.EnvValue("Aws__Regions__0"), Is.EqualTo("eu-west-1"));
        Assert.That(rendered.EnvValue("Aws__Regions__1"), Is.EqualTo("us-east-1"));
        Assert.That(rendered.EnvValue("Aws__Accounts__0__Id"), Is.EqualTo("111122223333"));
        Assert.That(rendered.EnvValue("Aws__Accounts__0__TokenRoleArn"), Is.EqualTo("arn:aws:iam::111122223333:role/ChatOpsJitToken"));
        Assert.That(rendered.EnvValue("Aws__Accounts__1__Grants"), Is.EqualTo("bridge"));
        Assert.That(rendered.EnvValue("Aws__Accounts__1__InventoryRoleArn"), Is.EqualTo("arn:aws:iam::444455556666:role/ChatOpsJitInventory"));
        Assert.That(rendered.EnvValue("Aws__Accounts__1__BridgeChannels__slack"), Is.EqualTo("C0PLATFORM1"));
        Assert.That(rendered.Env.Keys, Has.No.Member("Aws__Accounts__1__TokenRoleArn"));
    }

    [Test]
    public void The_policies_and_directory_configmaps_are_mounted_read_only_where_the_env_points()
    {
        var mounts = rendered.Container.List("volumeMounts").Cast<YamlMappingNode>().ToDictionary(m => m.Text("name")!);
        var volumes = rendered.PodSpec.List("volumes").Cast<YamlMappingNode>().ToDictionary(v => v.Text("name")!);

        Assert.That(rendered.EnvValue("Policies__Folder"), Is.EqualTo(mounts["policies"].Text("mountPath")));
        Assert.That(rendered.EnvValue("Directory__File"), Is.EqualTo(mounts["directory"].Text("mountPath") + "/directory.yaml"));
        Assert.That(mounts["policies"].Text("readOnly"), Is.EqualTo("true"));
        Assert.That(mounts["directory"].Text("readOnly"), Is.EqualTo("true"));
        Assert.That(volumes["policies"].Text("configMap.name"), Is.EqualTo("chatopsjit-policies"));
        Assert.That(volumes["policies"].List("configMap.items").Cast<YamlMappingNode>().Select(i => i.Text("path")), Does.Contain("manual/web.yaml"));
        Assert.That(volumes["directory"].Text("configMap.name"), Is.EqualTo("chatopsjit-directory"));
    }

    [Test]
    public void Extra_settings_and_env_pass_through_and_the_console_is_switched_off()
    {
        Assert.That(rendered.EnvValue("Access__PendingTimeout"), Is.EqualTo("2.00:00:00"));
        Assert.That(rendered.EnvValue("Access__ReminderBefore"), Is.EqualTo("00:10:00"));
        Assert.That(rendered.EnvValue("AWS_REGION"), Is.EqualTo("eu-west-1"));
        Assert.That(rendered.EnvValue("Console__Enabled"), Is.EqualTo("false"));
    }

    [Test]
    public void The_pods_keep_the_locked_down_security_context()
    {
        var security = rendered.Container.Map("securityContext");

        Assert.That(rendered.PodSpec.Text("securityContext.runAsNonRoot"), Is.EqualTo("true"));
        Assert.That(security.Text("readOnlyRootFilesystem"), Is.EqualTo("true"));
        Assert.That(security.Text("allowPrivilegeEscalation"), Is.EqualTo("false"));
        Assert.That(security.Texts("capabilities.drop"), Is.EqualTo(new[] { "ALL" }));
    }
}
