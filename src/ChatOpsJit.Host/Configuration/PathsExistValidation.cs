using ChatOpsJit.Host.Sandbox;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Configuration;

/// <summary>Start-up checks that configured files and folders exist, each failure one line naming the setting.</summary>
public sealed class PathsExistValidation :
    IValidateOptions<SandboxOptions>, IValidateOptions<DirectoryOptions>, IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options) => FileExists("Sandbox:NodesFile", options.NodesFile);

    public ValidateOptionsResult Validate(string? name, DirectoryOptions options) => FileExists("Directory:File", options.File);

    public ValidateOptionsResult Validate(string? name, PolicyOptions options) =>
        Directory.Exists(FileLocator.Resolve(options.Folder))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Policies:Folder: folder '{options.Folder}' does not exist.");

    private static ValidateOptionsResult FileExists(string key, string path) =>
        File.Exists(FileLocator.Resolve(path))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{key}: file '{path}' does not exist.");
}
