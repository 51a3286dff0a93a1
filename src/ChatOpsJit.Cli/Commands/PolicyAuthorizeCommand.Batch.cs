using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Cli.Commands;

/// <summary>The batch core of `policy authorize --batch`: one JSON request per line in, one JSON answer per line out.</summary>
public static partial class PolicyAuthorizeCommand
{
    /// <summary>
    /// Decides every non-blank line of <paramref name="lines"/> against <paramref name="policies"/> and writes one answer line
    /// per request, in input order. A malformed line is answered with <c>{"error": "line N is not …"}</c>, also said on
    /// <paramref name="problems"/> in the same words, and the batch goes on.
    /// </summary>
    public static BatchSummary RunBatch(CedarPolicySet policies, TextReader lines, TextWriter output, TextWriter? problems = null)
    {
        // One authorizer for the whole batch: compiling the policy set is the expensive part.
        var authorizer = new CedarAuthorizer(policies);
        int decided = 0, malformed = 0, failed = 0, lineNumber = 0;
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            string problem;
            if (!BatchLine.TryDecode(line, out var request, out var entities, out var why))
            {
                problem = $"line {lineNumber} {why}";
                malformed++;
            }
            else if (TryDecide(authorizer, request!, entities!, out var answer, out var failure))
            {
                output.WriteLine(answer);
                decided++;
                continue;
            }
            else
            {
                problem = $"line {lineNumber}: {InternalErrorPrefix}{failure}";
                failed++;
            }
            output.WriteLine(BatchAnswer.FormatError(problem));
            problems?.WriteLine($"error: {problem}");
        }
        output.Flush();
        return new BatchSummary(decided, malformed, failed);
    }

    /// <summary>The prefix of the error answer for a line the engine failed on (a bug, not bad input).</summary>
    public const string InternalErrorPrefix = "internal error: ";

    private static bool TryDecide(CedarAuthorizer authorizer, CedarRequest request, CedarEntities entities, out string answer, out string failure)
    {
        try
        {
            answer = BatchAnswer.Format(authorizer.IsAuthorized(request, entities));
            failure = "";
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One request tripping an engine bug must not cost the answers to the rest of the batch.
            answer = "";
            failure = $"{e.GetType().Name}: {e.Message}";
            return false;
        }
    }
}

/// <summary>How many batch lines were decided, how many were not requests, and how many the engine failed on.</summary>
public readonly record struct BatchSummary(int Decided, int Malformed, int Failed = 0);
