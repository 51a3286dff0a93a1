using ChatOpsJit.Cli.Options;

namespace ChatOpsJit.Cli.Commands;

/// <summary>The options and help of `chatopsjit policy authorize`, including the `--batch` line formats.</summary>
public static class PolicyAuthorizeSpec
{
    // The short names are the Cedar CLI's, so muscle memory from `cedar authorize` carries over.
    public static readonly CommandSpec Spec = new(
        "policy authorize",
        "Decides Cedar requests against a policy file, like `cedar authorize`: one from flags, or many from --batch.",
        [
            "policy authorize --policies FILE --entities FILE --principal UID --action UID --resource UID [--context FILE]",
            "policy authorize --policies FILE --batch FILE.jsonl",
        ],
        [
            new("policies", "FILE", "the Cedar policies (e.g. samples/policies/auto-approval.cedar)", "p"),
            new("entities", "FILE", "the entities, in Cedar's JSON format: [{\"uid\", \"attrs\", \"parents\", \"tags\"}]"),
            new("principal", "UID", "who asks, e.g. 'AWS::IdentityStore::User::\"90676b1e-…\"'", "l"),
            new("action", "UID", "what they do, e.g. 'AWS::SSM::Action::\"getTokenForInstanceAccess\"'", "a"),
            new("resource", "UID", "on what, e.g. 'AWS::EC2::Instance::\"i-0dev0000000000001\"'", "r"),
            new("context", "FILE", "the request's context, a JSON object (default {})", "c"),
            new("batch", "FILE.jsonl", "decide one request per line of FILE.jsonl ('-' reads stdin)"),
        ])
    {
        Details = """
            A UID is written the way Cedar writes it: Type::"id", e.g. User::"alice" or AWS::EC2::Instance::"i-0abc".
            Prints ALLOW or DENY, the ids of the policies that decided, and any evaluation errors at file:line:col.
            exit status: 0 allow, 2 deny, 1 bad input.

            --batch input: one JSON object per line (blank lines are skipped):
              {"principal": UID, "action": UID, "resource": UID, "context": {...}, "entities": [...]}
            where each UID may be {"type": "User", "id": "alice"}, Cedar JSON's {"__entity": {"type": "User", "id": "alice"}}
            or the string "User::\"alice\""; "context" (a JSON object) and "entities" (Cedar's JSON entity list) may be left out.

            --batch output: one JSON line per request line, in input order:
              {"decision": "allow"|"deny", "reasons": ["policy id", ...],
               "errors": [{"policy": ..., "message": ..., "file": ..., "line": N, "column": N, "snippet": ...}]}
            or, for a line that is not a request, {"error": "line 3 is not valid JSON: unexpected 'x' at column 1"};
            such a line is also reported on stderr, and the batch goes on.
            exit status with --batch: 0 when every line was decided, 1 when any line was not.
            """,
        Examples =
        [
            "chatopsjit policy authorize --policies samples/policies/auto-approval.cedar --entities samples/cedar/entities.json " +
            "--principal 'AWS::IdentityStore::User::\"90676b1e-0001-4d2b-9c2e-000000000001\"' " +
            "--action 'AWS::SSM::Action::\"getTokenForInstanceAccess\"' --resource 'AWS::EC2::Instance::\"i-0dev0000000000001\"' " +
            "--context samples/cedar/context.json",
            "chatopsjit policy authorize --policies samples/policies/auto-approval.cedar --batch samples/cedar/requests.jsonl",
        ],
    };
}
