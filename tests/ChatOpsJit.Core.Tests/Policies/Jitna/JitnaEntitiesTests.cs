using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies.Cedar;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Core.Tests.Policies.Jitna;

/// <summary>The Cedar request and entities JITNA builds for one person asking for one node (JITNA's published schema).</summary>
public sealed class JitnaEntitiesTests
{
    private static readonly DirectoryUser Dana = new(
        "dev@example.com",
        "Dana Developer",
        "90676b1e-0001-4d2b-9c2e-000000000001",
        ["developers", "platform-engineers"],
        new Dictionary<string, string>
        {
            ["costCenter"] = "cc-100",
            ["organization"] = "engineering",
            ["division"] = "platform",
            ["employeeNumber"] = "1001",
            ["title"] = "Engineer",
            ["CostCenter"] = "wrong-case",
        },
        new Dictionary<string, string> { ["Team"] = "web", ["AccessLevel"] = "Elevated" });

    private static readonly Node DevBox = new(
        "i-0dev0000000000001", "dev-box-1", "444455556666", "us-east-1", "Ubuntu 24.04",
        new Dictionary<string, string> { ["Name"] = "dev-box-1", ["CostCenter"] = "cc-100", ["Stage"] = "dev" });

    private static readonly EntityUid DanaUid = new("AWS::IdentityStore::User", "90676b1e-0001-4d2b-9c2e-000000000001");

    private static CedarEntity Entity(CedarEntities entities, EntityUid uid)
    {
        Assert.That(entities.TryGetEntity(uid, out var entity), Is.True, $"{uid} is among the entities");
        return entity!;
    }

    private static Dictionary<string, string> Strings(IReadOnlyDictionary<string, CedarValue> values)
    {
        Assert.That(values.Values.Select(v => v.Kind), Has.All.EqualTo(CedarValueKind.String));
        return values.ToDictionary(v => v.Key, v => v.Value.AsString);
    }

    [Test]
    public void Request_is_the_identity_center_user_asking_getTokenForInstanceAccess_on_the_node()
    {
        var (request, _) = JitnaEntities.Build(Dana, DevBox);

        Assert.Multiple(() =>
        {
            Assert.That(request.Principal, Is.EqualTo(DanaUid));
            Assert.That(request.Principal.ToString(), Is.EqualTo("AWS::IdentityStore::User::\"90676b1e-0001-4d2b-9c2e-000000000001\""));
            Assert.That(request.Action.ToString(), Is.EqualTo("AWS::SSM::Action::\"getTokenForInstanceAccess\""));
            Assert.That(request.Resource.ToString(), Is.EqualTo("AWS::EC2::Instance::\"i-0dev0000000000001\""));
        });
    }

    [Test]
    public void Principal_carries_only_the_four_jitna_attributes_the_user_has()
    {
        var (_, entities) = JitnaEntities.Build(Dana, DevBox);

        var principal = Entity(entities, DanaUid);

        Assert.That(Strings(principal.Attributes), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["costCenter"] = "cc-100",
            ["organization"] = "engineering",
            ["division"] = "platform",
            ["employeeNumber"] = "1001",
        }));
    }

    [Test]
    public void Principal_without_optional_attributes_has_none_of_them()
    {
        var bare = Dana with { Attributes = new Dictionary<string, string> { ["division"] = "platform" } };

        var (_, entities) = JitnaEntities.Build(bare, DevBox);

        Assert.That(Strings(Entity(entities, DanaUid).Attributes), Is.EquivalentTo(new Dictionary<string, string> { ["division"] = "platform" }));
    }

    [Test]
    public void Principal_groups_are_its_parents_as_identity_store_groups()
    {
        var (_, entities) = JitnaEntities.Build(Dana, DevBox);

        var developers = new EntityUid("AWS::IdentityStore::Group", "developers");
        var platform = new EntityUid("AWS::IdentityStore::Group", "platform-engineers");
        Assert.Multiple(() =>
        {
            Assert.That(Entity(entities, DanaUid).Parents, Is.EquivalentTo(new[] { developers, platform }));
            Assert.That(Entity(entities, developers).Parents, Is.Empty);
            Assert.That(entities.IsDescendantOrSelf(DanaUid, platform), Is.True);
            Assert.That(entities.IsDescendantOrSelf(DanaUid, new EntityUid("AWS::IdentityStore::Group", "security")), Is.False);
        });
    }

    [Test]
    public void Resource_is_the_node_with_its_tags_and_no_attributes()
    {
        var (request, entities) = JitnaEntities.Build(Dana, DevBox);

        var resource = Entity(entities, request.Resource);

        Assert.That(resource.Attributes, Is.Empty);
        Assert.That(resource.Parents, Is.Empty);
        Assert.That(Strings(resource.Tags), Is.EquivalentTo(DevBox.Tags));
    }

    [TestCase("mi-0123456789abcdef0", "AWS::SSM::ManagedInstance")]
    [TestCase("i-0123456789abcdef0", "AWS::EC2::Instance")]
    public void Resource_type_follows_the_node_id_prefix(string id, string type)
    {
        var (request, entities) = JitnaEntities.Build(Dana, DevBox with { Id = id });

        Assert.That(request.Resource, Is.EqualTo(new EntityUid(type, id)));
        Assert.That(Strings(Entity(entities, request.Resource).Tags), Is.EquivalentTo(DevBox.Tags));
    }

    [Test]
    public void Context_iam_principalTags_is_an_entity_with_the_users_principal_tags()
    {
        var (request, entities) = JitnaEntities.Build(Dana, DevBox);

        Assert.That(request.Context.AsRecord.Keys, Is.EqualTo(new[] { "iam" }));
        Assert.That(request.Context.AsRecord.TryGetValue("iam", out var iam), Is.True);
        Assert.That(iam.AsRecord.Keys, Is.EqualTo(new[] { "principalTags" }));
        Assert.That(iam.AsRecord.TryGetValue("principalTags", out var tagsRef), Is.True);
        Assert.That(tagsRef.Kind, Is.EqualTo(CedarValueKind.Entity));
        Assert.That(tagsRef.AsEntity, Is.EqualTo(JitnaEntities.PrincipalTags));
        Assert.That(tagsRef.AsEntity.Type, Is.EqualTo("AWS::IAM::PrincipalTags"));

        var tags = Entity(entities, tagsRef.AsEntity);
        Assert.That(tags.Attributes, Is.Empty);
        Assert.That(Strings(tags.Tags), Is.EquivalentTo(new Dictionary<string, string> { ["Team"] = "web", ["AccessLevel"] = "Elevated" }));
    }

    [Test]
    public void Entities_are_exactly_the_principal_the_node_the_principal_tags_and_the_groups()
    {
        var (request, entities) = JitnaEntities.Build(Dana, DevBox);

        Assert.That(entities.Count, Is.EqualTo(5));
        foreach (var uid in new[]
                 {
                     DanaUid, request.Resource, JitnaEntities.PrincipalTags,
                     new EntityUid("AWS::IdentityStore::Group", "developers"), new EntityUid("AWS::IdentityStore::Group", "platform-engineers"),
                 })
        {
            Entity(entities, uid);
        }
    }

    [Test]
    public void User_without_an_identity_center_id_is_identified_by_email()
    {
        var (request, _) = JitnaEntities.Build(Dana with { IdentityCenterId = "" }, DevBox);

        Assert.That(request.Principal, Is.EqualTo(new EntityUid("AWS::IdentityStore::User", "dev@example.com")));
    }
}
