using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>Builds the Cedar request and entities JITNA would for one person asking for one node.</summary>
public static class JitnaEntities
{
    public static readonly EntityUid PrincipalTags = new(JitnaSchema.PrincipalTagsType, "default");

    public static EntityUid PrincipalOf(DirectoryUser user) =>
        new(JitnaSchema.UserType, user.IdentityCenterId.Length > 0 ? user.IdentityCenterId : user.Email);

    public static EntityUid ResourceOf(Node node) => new(JitnaSchema.ResourceTypeOf(node.Id), node.Id);

    public static (CedarRequest Request, CedarEntities Entities) Build(DirectoryUser user, Node node)
    {
        var principal = PrincipalOf(user);
        var attributes = JitnaSchema.UserAttributes
            .Where(user.Attributes.ContainsKey)
            .ToDictionary(a => a, a => CedarValue.Of(user.Attributes[a]), StringComparer.Ordinal);
        var groups = user.Groups.Select(g => new EntityUid(JitnaSchema.GroupType, g)).ToList();
        var entities = new List<CedarEntity>
        {
            new(principal, attributes, groups),
            new(ResourceOf(node), new Dictionary<string, CedarValue>(), [], Tags(node.Tags)),
            new(PrincipalTags, new Dictionary<string, CedarValue>(), [], Tags(user.PrincipalTags)),
        };
        entities.AddRange(groups.Select(g => new CedarEntity(g, new Dictionary<string, CedarValue>(), [])));

        var context = CedarValue.Record([new("iam", CedarValue.Record([new("principalTags", CedarValue.Of(PrincipalTags))]))]);
        return (new CedarRequest(principal, JitnaSchema.Action, ResourceOf(node), context), CedarEntities.Build(entities));
    }

    private static Dictionary<string, CedarValue> Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.ToDictionary(t => t.Key, t => CedarValue.Of(t.Value), StringComparer.Ordinal);
}
