using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Cli.Commands;

/// <summary>What became of one batch line.</summary>
internal enum BatchOutcome
{
    Decided,
    Malformed,
    Failed,
}

/// <summary>One batch line's result: the JSON answer when decided, else the problem ("line N …").</summary>
internal readonly record struct BatchLineAnswer(BatchOutcome Outcome, string Text);

/// <summary>A block of `--batch` input lines, decided in parallel on every core and answered in input order.</summary>
internal sealed class BatchBlock
{
    // Below this many lines the thread pool costs more than it saves (a test's three lines, a short pipe).
    private const int ParallelFrom = 64;

    private readonly int _capacity;
    private readonly List<(int Number, string Text)> _lines;
    private readonly BatchLineAnswer[] _answers;

    public BatchBlock(int capacity)
    {
        _capacity = capacity;
        _lines = new(capacity);
        _answers = new BatchLineAnswer[capacity];
    }

    /// <summary>The answers of the last <see cref="Decide"/>, in input order.</summary>
    public ReadOnlySpan<BatchLineAnswer> Answers => _answers.AsSpan(0, _lines.Count);

    /// <summary>Reads up to the block's capacity of non-blank lines; returns how many (0 at the end of input).</summary>
    public int Fill(TextReader input, ref int lineNumber)
    {
        _lines.Clear();
        while (_lines.Count < _capacity && input.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                _lines.Add((lineNumber, line));
            }
        }
        return _lines.Count;
    }

    /// <summary>Decides every line read by the last <see cref="Fill"/>.</summary>
    public void Decide(CedarAuthorizer authorizer)
    {
        var count = _lines.Count;
        if (count < ParallelFrom || Environment.ProcessorCount == 1)
        {
            var result = new AuthorizationResult();
            for (var i = 0; i < count; i++)
            {
                _answers[i] = PolicyAuthorizeCommand.DecideLine(authorizer, _lines[i].Number, _lines[i].Text, result);
            }
            return;
        }
        Parallel.For(0, count, () => new AuthorizationResult(), (i, _, result) =>
        {
            _answers[i] = PolicyAuthorizeCommand.DecideLine(authorizer, _lines[i].Number, _lines[i].Text, result);
            return result;
        }, _ => { });
    }
}
