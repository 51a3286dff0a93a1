using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Cli.Commands;

/// <summary>The batch core of `policy authorize --batch`: one JSON request per line in, one JSON answer per line out.</summary>
public static partial class PolicyAuthorizeCommand
{
    /// <summary>
    /// Decides every non-blank line of <paramref name="lines"/> against <paramref name="policies"/> and writes one answer line
    /// per request, in input order. A malformed line is answered with <c>{"error": "..."}</c> and the batch goes on.
    /// </summary>
    public static BatchSummary RunBatch(CedarPolicySet policies, TextReader lines, TextWriter output)
    {
        // One authorizer for the whole batch: compiling the policy set is the expensive part.
        var authorizer = new CedarAuthorizer(policies);
        int decided = 0, malformed = 0, lineNumber = 0;
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (BatchLine.TryDecode(line, out var request, out var entities, out var problem))
            {
                output.WriteLine(Decide(authorizer, request!, entities!, lineNumber));
                decided++;
            }
            else
            {
                output.WriteLine(BatchAnswer.FormatError($"line {lineNumber}: {problem}"));
                malformed++;
            }
        }
        output.Flush();
        return new BatchSummary(decided, malformed);
    }

    /// <summary>The prefix of the error answer for a line the engine failed on (a bug, not bad input).</summary>
    public const string InternalErrorPrefix = "internal error: ";

    private static string Decide(CedarAuthorizer authorizer, CedarRequest request, CedarEntities entities, int lineNumber)
    {
        try
        {
            return BatchAnswer.Format(authorizer.IsAuthorized(request, entities));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One request tripping an engine bug must not cost the answers to the rest of the batch.
            return BatchAnswer.FormatError($"line {lineNumber}: {InternalErrorPrefix}{e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>How many batch lines were decided and how many were malformed.</summary>
public readonly record struct BatchSummary(int Decided, int Malformed);
