namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>
/// Maps a request to the few policies whose scope could match. Each policy is filed under one constrained scope
/// element (principal, else action, else resource), keyed by uid or type; unconstrained policies are always candidates.
/// </summary>
internal sealed class PolicyIndex
{
    private readonly Dimension _principal = new();
    private readonly Dimension _action = new();
    private readonly Dimension _resource = new();
    private readonly int[] _always;

    public PolicyIndex(IReadOnlyList<CompiledPolicy> policies)
    {
        var always = new List<int>();
        foreach (var cp in policies)
        {
            var p = cp.Policy;
            if (p.Principal.Kind != CedarScopeKind.Any) _principal.Add(p.Principal, cp.Ordinal);
            else if (p.ActionKind == CedarActionScopeKind.Equals) _action.AddEq(p.ActionEntities[0], cp.Ordinal);
            else if (p.ActionKind == CedarActionScopeKind.In)
            {
                // `action in []` can never match, so it is filed nowhere.
                foreach (var a in p.ActionEntities.Distinct()) _action.AddIn(a, cp.Ordinal);
            }
            else if (p.Resource.Kind != CedarScopeKind.Any) _resource.Add(p.Resource, cp.Ordinal);
            else always.Add(cp.Ordinal);
        }
        _principal.Freeze();
        _action.Freeze();
        _resource.Freeze();
        _always = always.ToArray();
    }

    /// <summary>Writes candidate ordinals (ascending, distinct) into <paramref name="buffer"/>; returns the count.</summary>
    public int Collect(CedarRequest request, CedarEntities entities, int[] buffer, int[] stamps, int generation)
    {
        var n = 0;
        n = _principal.Collect(request.Principal, entities, buffer, n, stamps, generation);
        n = _action.Collect(request.Action, entities, buffer, n, stamps, generation);
        n = _resource.Collect(request.Resource, entities, buffer, n, stamps, generation);
        foreach (var i in _always) n = Add(i, buffer, n, stamps, generation);
        Array.Sort(buffer, 0, n);
        return n;
    }

    private static int Add(int ordinal, int[] buffer, int n, int[] stamps, int generation)
    {
        if (stamps[ordinal] == generation) return n;
        stamps[ordinal] = generation;
        buffer[n] = ordinal;
        return n + 1;
    }

    private static int AddAll(int[] ordinals, int[] buffer, int n, int[] stamps, int generation)
    {
        foreach (var i in ordinals) n = Add(i, buffer, n, stamps, generation);
        return n;
    }

    /// <summary>The buckets of one scope element.</summary>
    private sealed class Dimension
    {
        private readonly Dictionary<EntityUid, List<int>> _eqBuild = new();
        private readonly Dictionary<EntityUid, List<int>> _inBuild = new();
        private readonly Dictionary<string, List<int>> _typeBuild = new(StringComparer.Ordinal);
        private Dictionary<EntityUid, int[]> _eq = new();
        private Dictionary<EntityUid, int[]> _in = new();
        private Dictionary<string, int[]> _type = new(StringComparer.Ordinal);

        public void Add(CedarScope scope, int ordinal)
        {
            switch (scope.Kind)
            {
                case CedarScopeKind.Equals: AddEq(scope.Entity!.Value, ordinal); break;
                case CedarScopeKind.In: AddIn(scope.Entity!.Value, ordinal); break;
                default: Bucket(_typeBuild, scope.EntityType!).Add(ordinal); break;
            }
        }

        public void AddEq(EntityUid uid, int ordinal) => Bucket(_eqBuild, uid).Add(ordinal);

        public void AddIn(EntityUid uid, int ordinal) => Bucket(_inBuild, uid).Add(ordinal);

        private static List<int> Bucket<TKey>(Dictionary<TKey, List<int>> d, TKey key)
            where TKey : notnull
        {
            if (!d.TryGetValue(key, out var list)) d[key] = list = new List<int>();
            return list;
        }

        public void Freeze()
        {
            _eq = _eqBuild.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
            _in = _inBuild.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
            _type = _typeBuild.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        }

        public int Collect(in EntityUid uid, CedarEntities entities, int[] buffer, int n, int[] stamps, int generation)
        {
            if (_eq.Count > 0 && _eq.TryGetValue(uid, out var eq)) n = AddAll(eq, buffer, n, stamps, generation);
            if (_type.Count > 0 && _type.TryGetValue(uid.Type, out var typed)) n = AddAll(typed, buffer, n, stamps, generation);
            if (_in.Count == 0) return n;
            if (_in.TryGetValue(uid, out var self)) n = AddAll(self, buffer, n, stamps, generation);
            var node = entities.Find(uid);
            if (node is null) return n;
            var ancestors = node.AncestorList;
            for (var i = 0; i < ancestors.Length; i++)
            {
                if (_in.TryGetValue(ancestors[i], out var list)) n = AddAll(list, buffer, n, stamps, generation);
            }
            return n;
        }
    }
}
