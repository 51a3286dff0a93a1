using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Host.Configuration;

/// <summary>The user directory file (section <c>Directory</c>).</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    [Required]
    public string File { get; set; } = "samples/directory.yaml";
}

/// <summary>The JITNA policy folder (section <c>Policies</c>).</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policies";

    [Required]
    public string Folder { get; set; } = "samples/policies";

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);
}
