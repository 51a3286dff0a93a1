namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Glob matching for <c>like</c>: wildcards match any (possibly empty) run of characters.</summary>
internal static class LikePattern
{
    public static bool Matches(string text, PatternPart[] parts)
    {
        // Greedy match with single-point backtracking to the last wildcard: linear in practice, no allocation.
        int ti = 0, pi = 0, pos = 0;
        int starPi = -1, starTi = 0;
        while (ti < text.Length)
        {
            if (pi < parts.Length && !parts[pi].IsWildcard)
            {
                var lit = parts[pi].Text;
                var c = lit[pos];
                if (c == text[ti])
                {
                    ti++;
                    pos++;
                    if (pos == lit.Length)
                    {
                        pi++;
                        pos = 0;
                    }
                    continue;
                }
            }
            else if (pi < parts.Length)
            {
                starPi = pi++;
                pos = 0;
                starTi = ti;
                continue;
            }
            if (starPi < 0) return false;
            pi = starPi + 1;
            pos = 0;
            ti = ++starTi;
        }
        while (pi < parts.Length && parts[pi].IsWildcard) pi++;
        return pi == parts.Length && pos == 0;
    }
}
