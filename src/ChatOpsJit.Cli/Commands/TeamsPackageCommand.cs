using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsJit.Cli.Options;

namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// `chatopsjit teams package --app-id ID --out FILE [--domain HOST] [--force]`: the Teams app package (a zip of
/// manifest.json, color.png and outline.png) for one Azure Bot. The manifest and icons are manifests/teams/, embedded in
/// the CLI at build time, so the installed tool needs no checkout.
/// </summary>
public static partial class TeamsPackageCommand
{
    public const string ExampleAppId = "0b5c1a2e-7f3d-4c6a-9e21-3d4f5a6b7c8d";

    /// <summary>The package's entries, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Entries = ["manifest.json", "color.png", "outline.png"];

    // Entries get one fixed time, so the same inputs make the same bytes (a package can be compared or checksummed).
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly CommandSpec Spec = new(
        "teams package",
        "Builds the Teams app package for your Azure Bot: a zip of manifest.json, color.png and outline.png to upload to Teams.",
        ["teams package --app-id ID --out FILE [--domain HOST] [--force]"],
        [
            new("app-id", "ID", "the Azure Bot's Microsoft App ID (a GUID); becomes the app's id and the bot's botId") { Required = true },
            new("out", "FILE", "where to write the zip, e.g. chatopsjit-teams.zip") { Required = true },
            new("domain", "HOST", "the public host name ChatOpsJit answers on, listed as the app's only valid domain"),
            new("force", null, "replace FILE if it exists (without it an existing FILE is an error and is left alone)"),
        ])
    {
        Details = """
            The package holds ChatOpsJit's own manifest (manifests/teams/manifest.json, built into this tool) with its
            placeholder ids replaced by --app-id, and its two icons: color.png (192x192) and outline.png (32x32, white on
            transparent). validDomains is [HOST] with --domain and empty without it (a bot-only app needs none). The zip is
            written to a temporary file beside FILE and renamed into place, so a failed run leaves no partial FILE.
            Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center (Teams apps >
            Manage apps > Upload new app); docs/teams.md has the whole setup.
            exit status: 0 written, 1 bad input (command line, an app id that is not a GUID, a bad host name, FILE exists
            without --force, FILE cannot be written).
            """,
        Examples = [$"chatopsjit teams package --app-id {ExampleAppId} --out chatopsjit-teams.zip --domain chatopsjit.contoso.com"],
    };

    [GeneratedRegex(@"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();

    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        CliCommand.Run(Spec, args, output, error, o => Run(o, output, error));

    private static int Run(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var appId = options.Value<Guid>("app-id", text => Guid.TryParseExact(text, "D", out var id) ? id : null,
            "the Azure Bot's Microsoft App ID, a GUID", example: $"--app-id {ExampleAppId}")
            ?? throw new UsageException("missing required option '--app-id ID'");
        if (appId == Guid.Empty)
        {
            throw new UsageException($"option '--app-id' is the manifest's all-zero placeholder; give the Azure Bot's Microsoft App ID (e.g. --app-id {ExampleAppId})");
        }

        var domain = Domain(options.Get("domain"));
        var path = options.Require("out");
        var force = options.Has("force");

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
        {
            error.WriteLine($"error: '{path}' is a directory; give --out a file name, e.g. --out {Path.Combine(path, "chatopsjit-teams.zip")}");
            return CliCommand.BadInput;
        }

        if (!Directory.Exists(folder))
        {
            error.WriteLine($"error: the folder of '{path}' does not exist; create it or choose another --out");
            return CliCommand.BadInput;
        }

        if (File.Exists(full) && !force)
        {
            error.WriteLine($"error: '{path}' exists; pass --force to replace it");
            return CliCommand.BadInput;
        }

        var package = Build(appId, domain);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, package);
            File.Move(temporary, full, overwrite: force);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            error.WriteLine($"error: cannot write '{path}': {e.Message}");
            return CliCommand.BadInput;
        }

        var domains = domain is null ? "no valid domains" : $"valid domain {domain}";
        output.WriteLine($"wrote {path}: manifest.json (app and bot id {appId:D}, {domains}), color.png, outline.png");
        output.WriteLine("upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center (Teams apps > Manage apps); see docs/teams.md");
        return 0;
    }

    /// <summary>The package's bytes: the built-in manifest with the ids and domains set, and the two icons.</summary>
    public static byte[] Build(Guid appId, string? domain)
    {
        var manifest = Manifest(appId, domain);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "manifest.json", Encoding.UTF8.GetBytes(manifest));
            Add(zip, "color.png", Resource("color.png"));
            Add(zip, "outline.png", Resource("outline.png"));
        }

        return buffer.ToArray();
    }

    /// <summary>The built-in manifest's text as it is in manifests/teams/manifest.json.</summary>
    public static string BuiltInManifest() => Encoding.UTF8.GetString(Resource("manifest.json"));

    private static string Manifest(Guid appId, string? domain)
    {
        var manifest = JsonNode.Parse(BuiltInManifest())!.AsObject();
        var id = appId.ToString("D");
        manifest["id"] = id;
        manifest["bots"]![0]!["botId"] = id;
        manifest["validDomains"] = domain is null ? new JsonArray() : new JsonArray(domain);
        return manifest.ToJsonString(Indented) + "\n";
    }

    private static string? Domain(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var host = text.ToLowerInvariant();
        return HostName().IsMatch(host)
            ? host
            : throw new UsageException(
                $"option '--domain' must be a host name such as chatopsjit.contoso.com (no https://, port or path), not '{text}' (e.g. --domain chatopsjit.contoso.com)");
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChatOpsJit.Cli.Teams." + name)
                           ?? throw new InvalidOperationException($"the CLI was built without manifests/teams/{name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary file's name starts with a dot and says what it was.
        }
    }
}
