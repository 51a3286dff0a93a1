using System.ComponentModel.DataAnnotations;
using ChatOpsJit.Aws;
using Microsoft.Extensions.Configuration;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>The sandbox (section <c>Sandbox</c>): nodes from a file, simulated grants and sessions; the embedded default.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>On unless another grantor is configured; with it off, something else must supply nodes and grants.</summary>
    public bool Enabled { get; set; } = true;

    [Required]
    public string NodesFile { get; set; } = "samples/nodes.yaml";

    /// <summary>
    /// Read before the container is built, so other registrations (the dev console) can depend on it. Unset, the sandbox
    /// runs unless AWS is configured. A value that is not a boolean counts as unset here; start-up validation reports it.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        bool.TryParse(configuration[$"{Section}:{nameof(Enabled)}"], out var enabled) ? enabled : !configuration.IsAwsConfigured();
}
