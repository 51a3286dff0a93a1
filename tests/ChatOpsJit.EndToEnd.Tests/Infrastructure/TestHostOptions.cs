namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>How a test wants the real host configured.</summary>
public sealed class TestHostOptions
{
    /// <summary>Folder for the SQLite file; reuse it across a restart.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "chatopsjit-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Null uses the real clock.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Extra configuration keys (e.g. <c>Email:SmtpHost</c>).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public string NodesFile { get; set; } = Path.Combine(RepoPaths.Samples, "nodes.yaml");

    public string DirectoryFile { get; set; } = Path.Combine(RepoPaths.Samples, "directory.yaml");

    public string PoliciesFolder { get; set; } = Path.Combine(RepoPaths.Samples, "policies");

    public string DatabaseFile => Path.Combine(DataDirectory, "chatopsjit.db");

    /// <summary>More wiring after the host's own (another grantor, say).</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? Configure { get; set; }

    /// <summary>When set, receives every log line at every level.</summary>
    public LogCapture? Logs { get; set; }
}
