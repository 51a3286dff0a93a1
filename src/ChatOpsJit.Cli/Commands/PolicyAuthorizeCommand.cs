using System.Text;
using System.Text.Json;
using ChatOpsJit.Cli.Options;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit policy authorize`: one request from flags (like `cedar authorize`) or many from `--batch`.</summary>
public static partial class PolicyAuthorizeCommand
{
    /// <summary>Exit code when the request was allowed.</summary>
    public const int Allowed = 0;

    /// <summary>Exit code when the request was denied (the Cedar CLI's convention).</summary>
    public const int Denied = 2;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        CliCommand.Run(PolicyAuthorizeSpec.Spec, args, output, error, o => Run(PolicyAuthorizeArgs.From(o), input, output, error));

    private static int Run(PolicyAuthorizeArgs parsed, TextReader input, TextWriter output, TextWriter error)
    {
        try
        {
            if (!TryLoadPolicies(parsed.Policies, out var policies, out var problem))
            {
                return Fail(error, problem!);
            }
            if (parsed.IsBatch)
            {
                using var lines = parsed.Batch == "-" ? null : new StreamReader(parsed.Batch!, Encoding.UTF8, true, 1 << 16);
                var summary = RunBatch(policies!, lines ?? input, output, error);
                return summary.Malformed + summary.Failed > 0 ? Usage.BadInput : Allowed;
            }
            return RunSingle(parsed, policies!, output, error);
        }
        catch (FileNotFoundException e)
        {
            return Fail(error, $"file '{e.FileName}' does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, char.ToLowerInvariant(e.Message[0]) + e.Message[1..].TrimEnd('.'));
        }
    }

    private static int RunSingle(PolicyAuthorizeArgs args, CedarPolicySet policies, TextWriter output, TextWriter error)
    {
        if (!TryUid("principal", args.Principal!, out var principal, out var problem)
            || !TryUid("action", args.Action!, out var action, out problem)
            || !TryUid("resource", args.Resource!, out var resource, out problem))
        {
            return Fail(error, problem!);
        }
        if (!TryLoadEntities(args.Entities!, out var entities, out problem)
            || !TryLoadContext(args.Context, out var context, out problem))
        {
            return Fail(error, problem!);
        }
        var response = new CedarAuthorizer(policies).IsAuthorized(new CedarRequest(principal, action, resource, context), entities!);
        PrintResponse(response, output);
        return response.Decision == CedarDecision.Allow ? Allowed : Denied;
    }

    // Mirrors `cedar authorize --verbose`: the decision, the policies that determined it, then evaluation errors, each
    // located like a parse error and followed by the failing expression (nested accesses such as `a.b.c` share a column).
    private static void PrintResponse(CedarResponse response, TextWriter output)
    {
        output.WriteLine(response.Decision == CedarDecision.Allow ? "ALLOW" : "DENY");
        output.WriteLine();
        if (response.DeterminingPolicies.Count == 0)
        {
            output.WriteLine("note: no policies applied to this request");
        }
        else
        {
            output.WriteLine("note: this decision was due to the following policies:");
            foreach (var id in response.DeterminingPolicies)
            {
                output.WriteLine($"  {id}");
            }
        }
        if (response.Errors.Count > 0)
        {
            output.WriteLine();
            foreach (var e in response.Errors)
            {
                output.WriteLine(e.ToString());
                output.WriteLine($"  | {FirstLine(e.Snippet)}");
            }
        }
    }

    private static string FirstLine(string snippet)
    {
        var end = snippet.IndexOfAny(['\r', '\n']);
        return end < 0 ? snippet : snippet[..end] + " ...";
    }

    private static bool TryLoadPolicies(string path, out CedarPolicySet? policies, out string? problem)
    {
        var text = File.ReadAllText(path);
        if (CedarPolicySet.TryParse(text, path, out policies, out var diagnostics))
        {
            problem = null;
            return true;
        }
        problem = diagnostics.Count switch
        {
            0 => $"{path}: cannot parse policies",
            1 => diagnostics[0].ToString(),
            _ => $"{diagnostics[0]} (and {diagnostics.Count - 1} more)",
        };
        return false;
    }

    private static bool TryLoadEntities(string path, out CedarEntities? entities, out string? problem)
    {
        entities = null;
        problem = null;
        try
        {
            entities = CedarEntities.FromJson(File.ReadAllText(path));
            return true;
        }
        catch (Exception e) when (e is CedarFormatException or JsonException)
        {
            problem = $"{path}: {e.Message}";
            return false;
        }
    }

    private static bool TryLoadContext(string? path, out CedarValue? context, out string? problem)
    {
        context = null;
        problem = null;
        if (path is null)
        {
            return true;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"{path}: the context must be a JSON object";
                return false;
            }
            context = CedarValue.FromJson(doc.RootElement);
            return true;
        }
        catch (Exception e) when (e is CedarFormatException or JsonException)
        {
            problem = $"{path}: {e.Message}";
            return false;
        }
    }

    private static bool TryUid(string what, string text, out EntityUid uid, out string? problem)
    {
        uid = default;
        if (!EntityUidText.TryParse(text, out var type, out var id, out problem))
        {
            problem = $"--{what}: {problem}";
            return false;
        }
        uid = new EntityUid(type, id);
        return true;
    }

    private static int Fail(TextWriter error, string problem)
    {
        error.WriteLine($"error: {problem}");
        return Usage.BadInput;
    }
}
