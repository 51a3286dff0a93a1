using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Cli.Commands;

/// <summary>The batch core of `policy authorize --batch`: one JSON request per line in, one JSON answer per line out.</summary>
public static partial class PolicyAuthorizeCommand
{
    // Lines are decided a block at a time, the block's lines in parallel, then answered in input order. A block is big
    // enough that the cores stay busy between the sequential read and write of each block, small enough to keep memory flat.
    private const int BlockSize = 2048;

    /// <summary>
    /// Decides every non-blank line of <paramref name="lines"/> against <paramref name="policies"/> and writes one answer line
    /// per request, in input order. A malformed line is answered with <c>{"error": "line N is not …"}</c>, also said on
    /// <paramref name="problems"/> in the same words, and the batch goes on.
    /// </summary>
    public static BatchSummary RunBatch(CedarPolicySet policies, TextReader lines, TextWriter output, TextWriter? problems = null)
    {
        // One authorizer for the whole batch: compiling the policy set is the expensive part. It is safe to share across
        // threads; each thread brings its own AuthorizationResult.
        var authorizer = new CedarAuthorizer(policies);
        var block = new BatchBlock(BlockSize);
        int decided = 0, malformed = 0, failed = 0, lineNumber = 0;
        while (block.Fill(lines, ref lineNumber) > 0)
        {
            block.Decide(authorizer);
            foreach (var answer in block.Answers)
            {
                switch (answer.Outcome)
                {
                    case BatchOutcome.Decided:
                        output.WriteLine(answer.Text);
                        decided++;
                        continue;
                    case BatchOutcome.Malformed:
                        malformed++;
                        break;
                    default:
                        failed++;
                        break;
                }
                output.WriteLine(BatchAnswer.FormatError(answer.Text));
                problems?.WriteLine($"error: {answer.Text}");
            }
        }
        output.Flush();
        return new BatchSummary(decided, malformed, failed);
    }

    /// <summary>The prefix of the error answer for a line the engine failed on (a bug, not bad input).</summary>
    public const string InternalErrorPrefix = "internal error: ";

    /// <summary>Decodes and decides one line: the answer line, or the problem that completes "line N …".</summary>
    internal static BatchLineAnswer DecideLine(CedarAuthorizer authorizer, int lineNumber, string line, AuthorizationResult result)
    {
        if (!BatchLine.TryDecode(line, out var request, out var entities, out var why))
        {
            return new(BatchOutcome.Malformed, $"line {lineNumber} {why}");
        }
        try
        {
            authorizer.Authorize(request!, entities!, result);
            return new(BatchOutcome.Decided, BatchAnswer.Format(result));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One request tripping an engine bug must not cost the answers to the rest of the batch.
            return new(BatchOutcome.Failed, $"line {lineNumber}: {InternalErrorPrefix}{e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>How many batch lines were decided, how many were not requests, and how many the engine failed on.</summary>
public readonly record struct BatchSummary(int Decided, int Malformed, int Failed = 0);
