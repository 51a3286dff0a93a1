using System.IO.Compression;
using System.Text.Json.Nodes;
using ChatOpsJit.Cli.Commands;
using ChatOpsJit.Core.Commands;

namespace ChatOpsJit.Cli.Tests.Teams;

/// <summary>
/// `chatopsjit teams package`: the zip Teams takes (manifest.json and both icons at its root), the ids and the domain
/// set, icons of the sizes and kinds Teams asks for, and every mistake one error line that leaves no file behind.
/// </summary>
public sealed class TeamsPackageCommandTests
{
    private const string AppId = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("chatopsjit-teams-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static string TeamsFolder => Path.Combine(PolicyValidateCommandTests.RepoRoot(), "manifests", "teams");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ChatOpsJitCli.Run(args, TextReader.Null, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Builds the package with the real command and returns its entries by name.</summary>
    private Dictionary<string, byte[]> Package(params string[] extra)
    {
        var zip = Path.Combine(_folder, "app.zip");
        var (code, _, stderr) = Run(["teams", "package", "--app-id", AppId, "--out", zip, .. extra]);
        Assert.That(code, Is.Zero, stderr);
        return Entries(zip);
    }

    internal static Dictionary<string, byte[]> Entries(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static JsonObject Manifest(Dictionary<string, byte[]> entries) => JsonNode.Parse(entries["manifest.json"])!.AsObject();

    [Test]
    public void The_zip_holds_exactly_the_manifest_and_the_two_icons_at_its_root()
    {
        var zip = Path.Combine(_folder, "app.zip");

        var (code, stdout, stderr) = Run("teams", "package", "--app-id", AppId, "--out", zip);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stderr, Is.Empty);
        Assert.That(Entries(zip).Keys, Is.EquivalentTo(new[] { "manifest.json", "color.png", "outline.png" }));
        Assert.That(stdout, Does.StartWith($"wrote {zip}: manifest.json (app and bot id {AppId}, no valid domains), color.png, outline.png"));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { zip }), "no temporary file is left beside it");
    }

    [Test]
    public void The_app_id_becomes_the_app_s_id_and_the_bot_s_id_and_nothing_else_changes()
    {
        var manifest = Manifest(Package());

        Assert.That((string?)manifest["id"], Is.EqualTo(AppId));
        Assert.That((string?)manifest["bots"]![0]!["botId"], Is.EqualTo(AppId));
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(TeamsFolder, "manifest.json")))!.AsObject();
        original["id"] = AppId;
        original["bots"]![0]!["botId"] = AppId;
        original["validDomains"] = new JsonArray();
        Assert.That(JsonNode.DeepEquals(manifest, original), Is.True, manifest.ToJsonString());
    }

    [Test]
    public void An_app_id_in_capitals_is_written_as_Teams_shows_it_in_lower_case()
    {
        var lower = Manifest(Package());
        var zip = Path.Combine(_folder, "upper.zip");

        var (code, _, stderr) = Run("teams", "package", "--app-id", AppId.ToUpperInvariant(), "--out", zip);

        Assert.That(code, Is.Zero, stderr);
        Assert.That((string?)Manifest(Entries(zip))["id"], Is.EqualTo(AppId));
        Assert.That(Manifest(Entries(zip)).ToJsonString(), Is.EqualTo(lower.ToJsonString()));
    }

    [Test]
    public void The_domain_is_the_only_valid_domain_and_without_one_there_is_none()
    {
        var withDomain = Manifest(Package("--domain", "ChatOpsJit.Contoso.com"));
        var without = Manifest(Package("--force"));

        Assert.That(withDomain["validDomains"]!.AsArray().Select(d => (string?)d), Is.EqualTo(new[] { "chatopsjit.contoso.com" }));
        Assert.That(without["validDomains"]!.AsArray(), Is.Empty, "the built-in placeholder host never reaches a package");
    }

    [Test]
    public void The_built_in_manifest_is_the_one_in_manifests_teams()
    {
        Assert.That(TeamsPackageCommand.BuiltInManifest(), Is.EqualTo(File.ReadAllText(Path.Combine(TeamsFolder, "manifest.json"))));
    }

    [Test]
    public void The_icons_are_the_committed_files_byte_for_byte()
    {
        var entries = Package();

        Assert.That(entries["color.png"], Is.EqualTo(File.ReadAllBytes(Path.Combine(TeamsFolder, "color.png"))));
        Assert.That(entries["outline.png"], Is.EqualTo(File.ReadAllBytes(Path.Combine(TeamsFolder, "outline.png"))));
    }

    [Test]
    public void The_manifest_names_the_icons_the_zip_holds()
    {
        var entries = Package();
        var icons = Manifest(entries)["icons"]!;

        Assert.That(entries.Keys, Does.Contain((string?)icons["color"]).And.Contain((string?)icons["outline"]));
    }

    [Test]
    public void The_colour_icon_is_192_by_192_and_in_colour()
    {
        var bytes = Package()["color.png"];

        Assert.That(PngFile.Size(bytes), Is.EqualTo((192, 192)));
        var png = PngFile.Read(bytes);
        Assert.That(png.ColourType, Is.EqualTo(2).Or.EqualTo(6), "truecolour");
        Assert.That(png.Pixels().Count(p => p.R != p.G || p.G != p.B), Is.GreaterThan(192 * 192 / 2), "mostly coloured, not grey");
        Assert.That(png.Pixels().All(p => p.A == 255), Is.True, "a full-colour tile, with no transparent holes");
    }

    [Test]
    public void The_outline_icon_is_32_by_32_white_on_transparent()
    {
        var bytes = Package()["outline.png"];

        Assert.That(PngFile.Size(bytes), Is.EqualTo((32, 32)));
        var png = PngFile.Read(bytes);
        Assert.That(png.HasAlphaChannel, Is.True, "an alpha channel");
        var notWhite = png.Pixels().Where(p => p.A != 0 && (p.R, p.G, p.B) != (255, 255, 255)).ToList();
        Assert.That(notWhite, Is.Empty, "every pixel is white or fully transparent");
        Assert.That(png.Pixels().Count(p => p.A == 255), Is.GreaterThan(100), "the symbol is there");
        Assert.That(png.Pixels().Count(p => p.A == 0), Is.GreaterThan(300), "on a transparent background");
        Assert.That(Enumerable.Range(0, 32).All(i => png.Pixel(i, 0).A == 0 && png.Pixel(0, i).A == 0 && png.Pixel(i, 31).A == 0 && png.Pixel(31, i).A == 0),
            Is.True, "a transparent border");
    }

    [Test]
    public void The_png_reader_refuses_a_damaged_icon()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TeamsFolder, "outline.png"));
        bytes[^20] ^= 0x01; // inside IDAT's data, so its CRC no longer matches

        Assert.That(() => PngFile.Read(bytes), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("CRC"));
    }

    [Test]
    public void The_same_inputs_make_the_same_bytes()
    {
        var first = Path.Combine(_folder, "first.zip");
        var second = Path.Combine(_folder, "second.zip");

        Assert.That(Run("teams", "package", "--app-id", AppId, "--out", first, "--domain", "bot.contoso.com").Code, Is.Zero);
        Assert.That(Run("teams", "package", "--app-id", AppId, "--out", second, "--domain", "bot.contoso.com").Code, Is.Zero);

        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
        // Two builds within the zip format's two-second clock would match anyway; the entries carry a fixed time instead.
        using var zip = System.IO.Compression.ZipFile.OpenRead(first);
        Assert.That(zip.Entries, Has.Count.EqualTo(3));
        Assert.That(zip.Entries.Select(e => e.LastWriteTime.Year), Has.All.LessThan(2001), "the fixed entry time (2000-01-01), not the time of the build");
    }

    private static IEnumerable<TestCaseData> Titles()
    {
        yield return new TestCaseData("access", " web-1 disk full on /var for 2h as ops", typeof(AccessCommand.Request));
        yield return new TestCaseData("access list", "", typeof(AccessCommand.List));
        yield return new TestCaseData("access status", " ar-0000002a", typeof(AccessCommand.Status));
        yield return new TestCaseData("access help", "", typeof(AccessCommand.Help));
    }

    [TestCaseSource(nameof(Titles))]
    public void Each_command_title_picked_from_the_menu_and_completed_is_a_command_the_core_accepts(string title, string completion, Type expected)
    {
        var commands = Manifest(Package())["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();

        Assert.That(commands.Select(c => (string?)c!["title"]), Does.Contain(title));
        Assert.That(AccessCommandParser.Parse(title + completion), Is.InstanceOf(expected));
    }

    [Test]
    public void The_command_menu_fits_the_v1_19_limits_and_offers_every_scope()
    {
        var bot = Manifest(Package())["bots"]![0]!;
        var lists = bot["commandLists"]!.AsArray();
        var commands = lists.SelectMany(l => l!["commands"]!.AsArray()).ToList();

        Assert.That(bot["scopes"]!.AsArray().Select(s => (string?)s), Is.EquivalentTo(new[] { "personal", "team", "groupChat" }));
        Assert.That(lists.Select(l => l!["scopes"]!.AsArray().Select(s => (string?)s).ToList()), Has.All.EquivalentTo(new[] { "personal", "team", "groupChat" }));
        Assert.That(commands, Has.Count.InRange(1, 10));
        Assert.That(commands.Select(c => ((string?)c!["title"])!.Length), Has.All.InRange(1, 32));
        Assert.That(commands.Select(c => ((string?)c!["description"])!.Length), Has.All.InRange(1, 128));
        Assert.That(commands.Select(c => (string?)c!["title"]), Has.All.StartWith("access"), "only 'access' starts a command in ChatOpsJit's grammar");
    }

    [TestCase("not-a-guid", "error: option '--app-id' must be the Azure Bot's Microsoft App ID, a GUID, not 'not-a-guid' (e.g. --app-id 0b5c1a2e-7f3d-4c6a-9e21-3d4f5a6b7c8d); see 'chatopsjit teams package --help'")]
    [TestCase("{6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f}", "error: option '--app-id' must be the Azure Bot's Microsoft App ID, a GUID, not '{6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f}' (e.g. --app-id 0b5c1a2e-7f3d-4c6a-9e21-3d4f5a6b7c8d); see 'chatopsjit teams package --help'")]
    [TestCase("6f1c2d3e4a5b4c6d8e7f9a0b1c2d3e4f", "error: option '--app-id' must be the Azure Bot's Microsoft App ID, a GUID, not '6f1c2d3e4a5b4c6d8e7f9a0b1c2d3e4f' (e.g. --app-id 0b5c1a2e-7f3d-4c6a-9e21-3d4f5a6b7c8d); see 'chatopsjit teams package --help'")]
    [TestCase("00000000-0000-0000-0000-000000000000", "error: option '--app-id' is the manifest's all-zero placeholder; give the Azure Bot's Microsoft App ID (e.g. --app-id 0b5c1a2e-7f3d-4c6a-9e21-3d4f5a6b7c8d); see 'chatopsjit teams package --help'")]
    public void A_bad_app_id_is_one_error_line_with_an_example_and_writes_no_file(string appId, string expected)
    {
        var zip = Path.Combine(_folder, "app.zip");

        var (code, stdout, stderr) = Run("teams", "package", "--app-id", appId, "--out", zip);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(expected + Environment.NewLine));
        Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty, "no file, not even a temporary one");
    }

    [TestCase("https://chatopsjit.contoso.com")]
    [TestCase("chatopsjit.contoso.com:443")]
    [TestCase("chatopsjit.contoso.com/api/messages")]
    [TestCase("localhost")]
    [TestCase("10.0.0.7")]
    [TestCase("-bot.contoso.com")]
    [TestCase("bot..contoso.com")]
    [TestCase("*.contoso.com")]
    public void A_bad_domain_is_one_error_line_and_writes_no_file(string domain)
    {
        var zip = Path.Combine(_folder, "app.zip");

        var (code, stdout, stderr) = Run("teams", "package", "--app-id", AppId, "--out", zip, "--domain", domain);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(
            $"error: option '--domain' must be a host name such as chatopsjit.contoso.com (no https://, port or path), not '{domain}' (e.g. --domain chatopsjit.contoso.com); see 'chatopsjit teams package --help'{Environment.NewLine}"));
        Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty);
    }

    [TestCase(new[] { "teams", "package", "--out", "app.zip" }, "error: missing required option '--app-id ID' for 'teams package'; see 'chatopsjit teams package --help'")]
    [TestCase(new[] { "teams", "package", "--app-id", AppId }, "error: missing required option '--out FILE' for 'teams package'; see 'chatopsjit teams package --help'")]
    [TestCase(new[] { "teams", "package", "--app-id", AppId, "--out", "app.zip", "--force=yes" }, "error: option '--force' takes no value; see 'chatopsjit teams package --help'")]
    public void A_command_line_mistake_is_one_error_line(string[] args, string expected)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.That((code, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Is.EqualTo(expected + Environment.NewLine));
    }

    [Test]
    public void An_existing_file_is_left_alone_without_force_and_replaced_with_it()
    {
        var zip = Path.Combine(_folder, "app.zip");
        File.WriteAllText(zip, "keep me");

        var refused = Run("teams", "package", "--app-id", AppId, "--out", zip);

        Assert.That(refused.Code, Is.EqualTo(1));
        Assert.That(refused.Err, Is.EqualTo($"error: '{zip}' exists; pass --force to replace it{Environment.NewLine}"));
        Assert.That(File.ReadAllText(zip), Is.EqualTo("keep me"));

        var forced = Run("teams", "package", "--app-id", AppId, "--out", zip, "--force");

        Assert.That(forced.Code, Is.Zero, forced.Err);
        Assert.That(Entries(zip).Keys, Has.Count.EqualTo(3));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { zip }));
    }

    [Test]
    public void The_command_in_docs_teams_md_runs_as_written()
    {
        var docs = File.ReadAllText(Path.Combine(PolicyValidateCommandTests.RepoRoot(), "docs", "teams.md")).ReplaceLineEndings("\n");
        var start = docs.IndexOf("\nchatopsjit teams package ", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), "docs/teams.md shows the package command");
        var end = docs.IndexOf("\n```", start, StringComparison.Ordinal);
        var words = docs[(start + 1)..end].Replace("\\\n", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var outAt = words.IndexOf("--out");
        var zip = Path.Combine(_folder, words[outAt + 1]);
        words[outAt + 1] = zip;

        var (code, _, stderr) = Run([.. words.Skip(1)]);

        Assert.That(code, Is.Zero, stderr);
        var manifest = Manifest(Entries(zip));
        Assert.That((string?)manifest["id"], Is.EqualTo(words[words.IndexOf("--app-id") + 1]));
        Assert.That(manifest["validDomains"]!.AsArray().Select(d => (string?)d), Is.EqualTo(new[] { words[words.IndexOf("--domain") + 1] }));
    }

    [Test]
    public void An_out_file_in_a_missing_folder_or_naming_a_folder_is_refused()
    {
        var missing = Path.Combine(_folder, "nowhere", "app.zip");

        var noFolder = Run("teams", "package", "--app-id", AppId, "--out", missing);
        var isFolder = Run("teams", "package", "--app-id", AppId, "--out", _folder);

        Assert.That(noFolder.Code, Is.EqualTo(1));
        Assert.That(noFolder.Err, Is.EqualTo($"error: the folder of '{missing}' does not exist; create it or choose another --out{Environment.NewLine}"));
        Assert.That(isFolder.Code, Is.EqualTo(1));
        Assert.That(isFolder.Err, Does.StartWith($"error: '{_folder}' is a directory; give --out a file name"));
        Assert.That(Directory.GetFileSystemEntries(_folder), Is.Empty);
    }
}
