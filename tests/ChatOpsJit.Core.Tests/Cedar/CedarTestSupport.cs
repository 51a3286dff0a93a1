using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Core.Tests.Cedar;

/// <summary>Shared fixtures: a small entity graph and one-line policy evaluation.</summary>
internal static class CedarTestSupport
{
    public const string EntitiesJson = """
        [
          {"uid": {"type": "User", "id": "alice"}, "attrs": {"age": 30, "name": "alice", "tags": ["a", "b"], "manager": {"__entity": {"type": "User", "id": "bob"}}, "address": {"city": "x"}}, "parents": [{"type": "Group", "id": "admins"}], "tags": {"team": "blue"}},
          {"uid": {"type": "User", "id": "bob"}, "attrs": {}, "parents": []},
          {"uid": {"__entity": {"type": "Group", "id": "admins"}}, "attrs": {}, "parents": [{"type": "Group", "id": "staff"}]},
          {"uid": {"type": "Group", "id": "staff"}, "attrs": {}, "parents": []},
          {"uid": {"type": "Action", "id": "view"}, "attrs": {}, "parents": [{"type": "Action", "id": "read"}]},
          {"uid": {"type": "Doc", "id": "d1"}, "attrs": {"owner": {"__entity": {"type": "User", "id": "alice"}}}, "parents": []}
        ]
        """;

    public static readonly CedarEntities Entities = CedarEntities.FromJson(EntitiesJson);

    public static readonly EntityUid Alice = new("User", "alice");
    public static readonly EntityUid Bob = new("User", "bob");
    public static readonly EntityUid View = new("Action", "view");
    public static readonly EntityUid Edit = new("Action", "edit");
    public static readonly EntityUid Doc1 = new("Doc", "d1");

    public static CedarResponse Run(string policies, EntityUid? principal = null, EntityUid? action = null, CedarValue? context = null)
    {
        var set = CedarPolicySet.Parse(policies);
        var request = new CedarRequest(principal ?? Alice, action ?? View, Doc1, context);
        return new CedarAuthorizer(set).IsAuthorized(request, Entities);
    }

    /// <summary>Evaluates <c>permit(principal, action, resource) when { expr };</c> with a small context.</summary>
    public static CedarResponse When(string expr)
    {
        var context = CedarValue.FromJson(System.Text.Json.JsonDocument.Parse("""{"n": 5, "s": "hello", "set": [1, 2, 3], "rec": {"a": 1}}""").RootElement);
        return Run($"permit(principal, action, resource) when {{ {expr} }};", context: context);
    }

    /// <summary>"allow", "deny" or the single evaluation error message.</summary>
    public static string Outcome(CedarResponse r) =>
        r.Errors.Count > 0 ? "error: " + r.Errors[0].Message : r.Decision == CedarDecision.Allow ? "allow" : "deny";

    public static CedarDiagnostic FirstError(string text)
    {
        var ok = CedarPolicySet.TryParse(text, "p.cedar", out _, out var diagnostics);
        Assert.That(ok, Is.False, "expected a parse error");
        return diagnostics[0];
    }
}
