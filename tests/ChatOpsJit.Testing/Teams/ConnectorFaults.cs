namespace ChatOpsJit.Testing.Teams;

/// <summary>The failures a test asked for, matched by a piece of the decoded path: the next few calls, or every call until healed.</summary>
internal sealed class ConnectorFaults
{
    private readonly object _gate = new();
    private readonly List<Fault> _next = [];
    private readonly List<Fault> _always = [];

    public void FailNext(string pathContains, int status, TimeSpan? retryAfter, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _next.Add(new Fault(pathContains, status, retryAfter));
            }
        }
    }

    public void FailAlways(string pathContains, int status, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        lock (_gate)
        {
            _always.RemoveAll(f => f.PathContains == pathContains);
            _always.Add(new Fault(pathContains, status, retryAfter));
        }
    }

    /// <summary>Drops the queued and standing failures of one path piece, or all of them.</summary>
    public void Heal(string? pathContains)
    {
        lock (_gate)
        {
            _next.RemoveAll(f => pathContains is null || f.PathContains == pathContains);
            _always.RemoveAll(f => pathContains is null || f.PathContains == pathContains);
        }
    }

    /// <summary>The failure this call gets: the oldest queued one that matches (used once), else a standing one.</summary>
    public (int Status, TimeSpan? RetryAfter)? Take(string path)
    {
        lock (_gate)
        {
            var next = _next.FindIndex(f => f.Matches(path));
            if (next >= 0)
            {
                var fault = _next[next];
                _next.RemoveAt(next);
                return (fault.Status, fault.RetryAfter);
            }

            return _always.FirstOrDefault(f => f.Matches(path)) is { } always ? (always.Status, always.RetryAfter) : null;
        }
    }

    private sealed record Fault(string PathContains, int Status, TimeSpan? RetryAfter)
    {
        public bool Matches(string path) => path.Contains(PathContains, StringComparison.Ordinal);
    }
}
