using System.Text.Json;

namespace ChatOpsJit.Deployment.Tests.Support;

/// <summary>A Dockerfile read as its instructions, each with the build stage it belongs to.</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Instruction> instructions) => Instructions = instructions;

    public IReadOnlyList<Instruction> Instructions { get; }

    /// <summary>Joins continued lines and drops comments, as the builder does.</summary>
    public static Dockerfile Parse(string text)
    {
        var instructions = new List<Instruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length == 0)
            {
                continue;
            }

            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? whole : whole[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : whole[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new Instruction(keyword, arguments, stage));
        }

        return new Dockerfile(instructions);
    }

    public IReadOnlyList<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).ToList();

    public int FinalStage => Instructions.Max(i => i.Stage);

    /// <summary>The final stage's instructions: what the image is.</summary>
    public IReadOnlyList<Instruction> Final(string keyword) => All(keyword).Where(i => i.Stage == FinalStage).ToList();

    /// <summary>The ENV settings of the final stage (<c>KEY=value</c> pairs, quotes removed).</summary>
    public IReadOnlyDictionary<string, string> FinalEnv()
    {
        var env = new Dictionary<string, string>();
        foreach (var instruction in Final("ENV"))
        {
            foreach (var pair in SplitRespectingQuotes(instruction.Arguments))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                env[pair[..equals]] = pair[(equals + 1)..].Trim('"');
            }
        }

        return env;
    }

    private static IEnumerable<string> SplitRespectingQuotes(string text)
    {
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}

/// <summary>One instruction: its keyword, the rest of the line, its stage (0 for the first FROM).</summary>
internal sealed record Instruction(string Keyword, string Arguments, int Stage)
{
    /// <summary>The exec form's argument list (<c>["a", "b"]</c>), or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm(string? after = null)
    {
        var text = after is null ? Arguments : Arguments[(Arguments.IndexOf(after, StringComparison.Ordinal) + after.Length)..].Trim();
        if (!text.StartsWith('['))
        {
            return null;
        }

        return JsonSerializer.Deserialize<string[]>(text);
    }
}
