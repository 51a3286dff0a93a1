using System.Collections.Concurrent;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>A directory in memory; people can be added and removed between calls, as in a real directory.</summary>
public sealed class FakeIdentityDirectory : IIdentityDirectory
{
    private readonly ConcurrentDictionary<string, DirectoryUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private TaskCompletionSource? _gate;
    private int _waiting;
    private int _gateSize;

    public DirectoryUser Add(string email, params string[] groups)
    {
        var user = new DirectoryUser(email, email.Split('@')[0], "ic-" + email.Split('@')[0], groups,
            new Dictionary<string, string>(), new Dictionary<string, string>());
        _users[email] = user;
        return user;
    }

    public void Remove(string email) => _users.TryRemove(email, out _);

    /// <summary>Holds every lookup until <paramref name="count"/> lookups are waiting, then lets them all go at once.</summary>
    public void HoldLookupsUntil(int count)
    {
        _gateSize = count;
        _waiting = 0;
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async ValueTask<DirectoryUser?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        if (_gate is { } gate)
        {
            if (Interlocked.Increment(ref _waiting) >= _gateSize)
            {
                gate.TrySetResult();
            }

            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }

        return _users.TryGetValue(email, out var user) ? user : null;
    }

    public ValueTask<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<DirectoryUser>>(_users.Values.ToList());
}
