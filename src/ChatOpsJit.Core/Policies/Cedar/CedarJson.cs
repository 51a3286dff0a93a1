using System.Text.Json;

namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Readers for Cedar's JSON formats (values, entity uids, entities).</summary>
internal static class CedarJson
{
    public static CedarValue ParseValue(JsonElement json, string where)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.True: return CedarValue.True;
            case JsonValueKind.False: return CedarValue.False;
            case JsonValueKind.String: return CedarValue.Of(json.GetString()!);
            case JsonValueKind.Number:
                if (json.TryGetInt64(out var n)) return CedarValue.Of(n);
                throw new CedarFormatException($"in {where}, `{json.GetRawText()}` is not a 64-bit integer");
            case JsonValueKind.Array:
                var items = new List<CedarValue>();
                foreach (var e in json.EnumerateArray()) items.Add(ParseValue(e, where));
                return CedarValue.Set(items);
            case JsonValueKind.Object:
                if (json.TryGetProperty("__extn", out _)) throw new CedarFormatException($"in {where}, extension values are not supported");
                if (json.TryGetProperty("__entity", out var ent)) return CedarValue.Of(ParseUidBody(ent, where));
                var fields = new List<KeyValuePair<string, CedarValue>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in json.EnumerateObject())
                {
                    if (!seen.Add(p.Name)) throw new CedarFormatException($"in {where}, duplicate key `{p.Name}` in record");
                    fields.Add(new(p.Name, ParseValue(p.Value, where)));
                }
                return CedarValue.Record(fields);
            case JsonValueKind.Null:
                throw new CedarFormatException($"in {where}, found a `null`; json `null`s are not allowed in cedar");
            default:
                throw new CedarFormatException($"in {where}, unexpected json value");
        }
    }

    /// <summary>Reads a uid given as <c>{"type","id"}</c> or <c>{"__entity": {"type","id"}}</c>.</summary>
    public static EntityUid ParseUid(JsonElement json, string where)
    {
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("__entity", out var inner)) return ParseUidBody(inner, where);
        return ParseUidBody(json, where);
    }

    private static EntityUid ParseUidBody(JsonElement json, string where)
    {
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String
            || !json.TryGetProperty("id", out var i) || i.ValueKind != JsonValueKind.String)
        {
            throw new CedarFormatException($"in {where}, an entity reference should look like {{ \"type\": \"SomeType\", \"id\": \"SomeId\" }}");
        }
        var type = t.GetString()!;
        if (!NameRules.IsValidTypeName(type)) throw new CedarFormatException($"in {where}, `{type}` is not a valid entity type name");
        return new EntityUid(type, i.GetString()!);
    }

    public static CedarEntity ParseEntity(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object) throw new CedarFormatException("entity must be a json object");
        if (!json.TryGetProperty("uid", out var uidJson)) throw new CedarFormatException("entity is missing field `uid`");
        var uid = ParseUid(uidJson, "entity uid");
        if (!json.TryGetProperty("attrs", out var attrsJson)) throw new CedarFormatException($"entity `{uid}` is missing field `attrs`");
        if (!json.TryGetProperty("parents", out var parentsJson)) throw new CedarFormatException($"entity `{uid}` is missing field `parents`");
        var attrs = ParseMap(attrsJson, uid, "attribute");
        if (parentsJson.ValueKind != JsonValueKind.Array) throw new CedarFormatException($"parents of `{uid}` must be a json array");
        var parents = new List<EntityUid>();
        foreach (var p in parentsJson.EnumerateArray()) parents.Add(ParseUid(p, $"parents of `{uid}`"));
        Dictionary<string, CedarValue>? tags = null;
        if (json.TryGetProperty("tags", out var tagsJson) && tagsJson.ValueKind != JsonValueKind.Null) tags = ParseMap(tagsJson, uid, "tag");
        return new CedarEntity(uid, attrs, parents, tags);
    }

    private static Dictionary<string, CedarValue> ParseMap(JsonElement json, EntityUid uid, string what)
    {
        if (json.ValueKind != JsonValueKind.Object) throw new CedarFormatException($"{what}s of `{uid}` must be a json object");
        var map = new Dictionary<string, CedarValue>(StringComparer.Ordinal);
        foreach (var p in json.EnumerateObject())
        {
            if (map.ContainsKey(p.Name)) throw new CedarFormatException($"duplicate {what} `{p.Name}` on `{uid}`");
            map[p.Name] = ParseValue(p.Value, $"{what} `{p.Name}` on `{uid}`");
        }
        return map;
    }
}
