using System.Text.Json.Nodes;

namespace ChatOpsJit.Cli.Tests.Teams;

/// <summary>
/// The manifest inside the package that `chatopsjit teams package` writes is valid against Microsoft's JSON schema for its
/// manifestVersion (tests/teams-manifest/validate.js), and the check is shown able to fail. Needs node and <c>npm ci</c>
/// in tests/teams-manifest (./test.sh runs it); without them the tests fail saying so, never pass.
/// </summary>
public sealed class TeamsManifestSchemaTests
{
    private const string AppId = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("chatopsjit-teams-schema-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    /// <summary>The manifest.json of a package built by the real command, extracted to a file.</summary>
    private string PackagedManifest(params string[] extra)
    {
        var zip = Path.Combine(_folder, "app.zip");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ChatOpsJitCli.Run(["teams", "package", "--app-id", AppId, "--out", zip, .. extra], TextReader.Null, output, error);
        Assert.That(code, Is.Zero, error.ToString());
        var manifest = Path.Combine(_folder, "manifest.json");
        File.WriteAllBytes(manifest, TeamsPackageCommandTests.Entries(zip)["manifest.json"]);
        return manifest;
    }

    private string Write(string name, JsonNode manifest)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }

    [Test]
    public async Task The_packaged_manifest_is_valid_against_the_schema_of_its_version()
    {
        // Each package's manifest is copied out before the next one overwrites manifest.json.
        var withDomain = Write("with-domain.json", JsonNode.Parse(File.ReadAllText(PackagedManifest("--domain", "chatopsjit.contoso.com")))!);
        var plain = Write("plain.json", JsonNode.Parse(File.ReadAllText(PackagedManifest("--force")))!);
        Assert.That(File.ReadAllText(withDomain), Does.Contain("chatopsjit.contoso.com"), "the domain package is the one checked");

        var (exitCode, output) = await TeamsManifestValidator.RunAsync(withDomain, plain);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain($"{withDomain}: valid").And.Contain($"{plain}: valid").And.Contain("2 of 2 manifest(s) valid"));
    }

    [Test]
    public async Task The_committed_manifest_with_its_placeholders_is_valid_too()
    {
        var source = Path.Combine(PolicyValidateCommandTests.RepoRoot(), "manifests", "teams", "manifest.json");

        var (exitCode, output) = await TeamsManifestValidator.RunAsync(source);

        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public async Task The_schema_used_is_the_one_for_the_manifest_s_manifestVersion()
    {
        var file = PackagedManifest();
        var manifest = JsonNode.Parse(File.ReadAllText(file))!;
        var version = (string)manifest["manifestVersion"]!;

        var (exitCode, output) = await TeamsManifestValidator.RunAsync(file);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain($"{file}: schema teams/v{version}/MicrosoftTeams.schema.json (manifestVersion {version}, @microsoft/app-manifest 1.1.2)"));
        var schema = JsonNode.Parse(File.ReadAllText(TeamsManifestValidator.SchemaFile(version)))!;
        Assert.That((string?)schema["properties"]!["manifestVersion"]!["const"], Is.EqualTo(version), "the schema file is that version's own");
        Assert.That((string?)schema["$schema"], Is.EqualTo("http://json-schema.org/draft-04/schema#"), "draft-04, as validate.js compiles it");
        Assert.That((string?)manifest["$schema"], Is.EqualTo($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json"));
    }

    [Test]
    public void The_manifest_version_is_the_newest_the_package_has_a_schema_for()
    {
        var version = (string)JsonNode.Parse(File.ReadAllText(PackagedManifest()))!["manifestVersion"]!;
        var shipped = Directory.GetDirectories(Path.GetDirectoryName(Path.GetDirectoryName(TeamsManifestValidator.SchemaFile(version)))!)
            .Select(Path.GetFileName)
            .Where(d => d!.Length > 1 && d[0] == 'v' && Version.TryParse(d[1..], out _))
            .Select(d => Version.Parse(d![1..]))
            .ToList();

        Assert.That(Version.Parse(version), Is.EqualTo(shipped.Max()), "moving to a newer schema is a deliberate change: update manifests/teams and this test");
        Assert.That(Version.Parse(version), Is.GreaterThanOrEqualTo(new Version(1, 19)));
    }

    private static IEnumerable<TestCaseData> Broken()
    {
        TestCaseData Case(string name, Action<JsonObject> breakIt, string expected) => new TestCaseData(breakIt, expected).SetName(name);

        yield return Case("The_check_fails_a_manifest_whose_bot_has_no_botId", m => m["bots"]![0]!.AsObject().Remove("botId"),
            "/bots/0 must have required property 'botId'");
        yield return Case("The_check_fails_a_manifest_with_a_40_character_short_name", m => m["name"]!["short"] = new string('x', 40),
            "/name/short must NOT have more than 30 characters");
        yield return Case("The_check_fails_a_manifest_with_a_bot_id_that_is_no_GUID", m => m["bots"]![0]!["botId"] = "not-a-guid",
            "/bots/0/botId must match pattern");
        yield return Case("The_check_fails_a_manifest_with_an_unknown_field", m => m["botz"] = new JsonArray(),
            "/ must NOT have additional properties {\"additionalProperty\":\"botz\"}");
        yield return Case("The_check_fails_a_manifest_whose_schema_URL_names_another_version",
            m => m["$schema"] = "https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json",
            "/$schema names https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json, not the v");
    }

    [TestCaseSource(nameof(Broken))]
    public async Task A_broken_manifest_fails_the_check_and_only_it_is_blamed(Action<JsonObject> breakIt, string expected)
    {
        var good = PackagedManifest();
        var manifest = JsonNode.Parse(File.ReadAllText(good))!.AsObject();
        breakIt(manifest);
        var bad = Write("broken.json", manifest);

        var (exitCode, output) = await TeamsManifestValidator.RunAsync(good, bad);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"{bad}: {expected}"));
        Assert.That(output, Does.Contain($"{good}: valid").And.Contain("1 of 2 manifest(s) valid"));
    }

    [Test]
    public async Task A_manifestVersion_without_a_schema_in_the_package_cannot_be_checked()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(PackagedManifest()))!.AsObject();
        manifest["manifestVersion"] = "1.18";
        var file = Write("v118.json", manifest);

        var (exitCode, output) = await TeamsManifestValidator.RunAsync(file);

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("has no schema for manifestVersion 1.18"));
    }
}
