using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Storage.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Host.Tests.Audit;

/// <summary>Start-up checks of the Audit section: one line each, naming the setting and the fix, never a key.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuditStartupTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TempFolder();

    [TearDown]
    public void Delete() => folder.Dispose();

    private StartupConfigurationException? Build(params string[] settings)
    {
        try
        {
            using var app = ChatOpsJitApp.Build([$"--Storage:ConnectionString=Data Source={folder.File("chatopsjit.db")}", "--Logging:LogLevel:Default=None", .. settings]);
            return null;
        }
        catch (StartupConfigurationException e)
        {
            return e;
        }
    }

    [Test]
    public void A_key_file_readable_by_others_stops_start_up_with_one_line_naming_the_setting_and_the_chmod()
    {
        var path = folder.File("chatopsjit.audit-key");
        AuditKeyFile.ReadOrCreate(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var e = Build();

        Assert.That(e?.Problems, Is.EqualTo(new[]
        {
            $"Audit:KeyFile: '{path}' is open to group or others (mode 604); a key file must be readable by its owner only: run chmod 600 '{path}'.",
        }));
    }

    [Test]
    public void Keys_that_are_not_32_byte_base64_keys_are_each_one_line_and_the_value_is_not_repeated()
    {
        var e = Build("--Audit:Key=c2hvcnQ=", "--Audit:RetiredKeys:0=not base64!", "--Audit:AnchorInterval=00:00:00");

        Assert.That(e?.Problems, Is.EquivalentTo(new[]
        {
            "Audit:Key: the value is 5 bytes; an audit key needs at least 32 random bytes (make one with: openssl rand -base64 32).",
            "Audit:RetiredKeys:0: the value is not base64.",
            "Audit:AnchorInterval: The field AnchorInterval must be between 00:00:01 and 1.00:00:00.",
        }));
        Assert.That(string.Join("\n", e!.Problems), Does.Not.Contain("c2hvcnQ="));
    }

    [Test]
    public void A_good_key_from_configuration_is_the_current_key_and_no_key_file_is_made()
    {
        var key = Core.Audit.AuditKey.Generate();
        using var app = ChatOpsJitApp.Build([$"--Storage:ConnectionString=Data Source={folder.File("chatopsjit.db")}", "--Logging:LogLevel:Default=None", "--Audit:Key=" + key.ToBase64()]);

        var loaded = app.Services.GetRequiredService<LoadedAuditKeys>();

        Assert.That(loaded.Ring.Current.Id, Is.EqualTo(key.Id));
        Assert.That(loaded.Origin, Is.EqualTo("Audit:Key"));
        Assert.That(File.Exists(folder.File("chatopsjit.audit-key")), Is.False);
    }

    [Test]
    public void Without_a_key_the_embedded_default_makes_the_key_file_beside_the_database()
    {
        using var app = ChatOpsJitApp.Build([$"--Storage:ConnectionString=Data Source={folder.File("chatopsjit.db")}", "--Logging:LogLevel:Default=None"]);

        var loaded = app.Services.GetRequiredService<LoadedAuditKeys>();

        Assert.That(loaded.Origin, Is.EqualTo($"key file '{folder.File("chatopsjit.audit-key")}', just created"));
        Assert.That(AuditKeyFile.Read(folder.File("chatopsjit.audit-key")).Current.Id, Is.EqualTo(loaded.Ring.Current.Id));
    }
}
