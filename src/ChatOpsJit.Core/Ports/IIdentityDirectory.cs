using ChatOpsJit.Core.Identity;

namespace ChatOpsJit.Core.Ports;

/// <summary>The organisation's directory: who people are, their groups and attributes.</summary>
public interface IIdentityDirectory
{
    /// <summary>Null when the directory does not know the email: such people are refused, never guessed.</summary>
    ValueTask<DirectoryUser?> FindAsync(string email, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken = default);
}
