namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>
/// Assigns people to approval levels, each person to one level at most, by augmenting paths (a many-to-one bipartite
/// matching, i.e. max flow with unit capacities on people).
/// </summary>
internal sealed class ApproverMatching
{
    private readonly IReadOnlyList<IReadOnlyList<int>> _eligible;
    private readonly int[] _level;
    private readonly int _excluded;

    /// <param name="eligible">For each level, the indices of the people who may approve at it.</param>
    /// <param name="people">How many people there are.</param>
    /// <param name="excluded">A person who may approve nowhere (the requester), or -1.</param>
    public ApproverMatching(IReadOnlyList<IReadOnlyList<int>> eligible, int people, int excluded = -1)
    {
        _eligible = eligible;
        _level = Enumerable.Repeat(-1, people).ToArray();
        _excluded = excluded;
    }

    /// <summary>
    /// Gives <paramref name="level"/> up to <paramref name="wanted"/> more people, moving earlier assignments when that
    /// frees someone (levels already given people keep their count); returns how many it got.
    /// </summary>
    public int Fill(int level, int wanted)
    {
        var got = 0;
        while (got < wanted && TryAugment(level, new bool[_level.Length]))
        {
            got++;
        }

        return got;
    }

    /// <summary>Takes everyone away from <paramref name="level"/>, so a level that cannot be filled constrains nobody later.</summary>
    public void Release(int level)
    {
        for (var person = 0; person < _level.Length; person++)
        {
            if (_level[person] == level)
            {
                _level[person] = -1;
            }
        }
    }

    public IReadOnlyList<int> PeopleAt(int level) => Enumerable.Range(0, _level.Length).Where(p => _level[p] == level).ToList();

    public IReadOnlyList<int> Assigned => Enumerable.Range(0, _level.Length).Where(p => _level[p] >= 0).ToList();

    private bool TryAugment(int level, bool[] visited)
    {
        foreach (var person in _eligible[level])
        {
            if (person == _excluded || visited[person] || _level[person] == level)
            {
                continue;
            }

            visited[person] = true;
            if (_level[person] < 0 || TryAugment(_level[person], visited))
            {
                _level[person] = level;
                return true;
            }
        }

        return false;
    }
}
