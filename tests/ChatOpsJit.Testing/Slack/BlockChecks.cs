using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Checks blocks and views as Slack does before it takes them.</summary>
/// <remarks>
/// The stand-in checks the shape itself (an array of objects that name a type); the limits come from
/// <see cref="SlackStandInOptions.CheckBlocks"/> and <see cref="SlackStandInOptions.CheckView"/>.
/// </remarks>
internal sealed class BlockChecks(SlackStandInOptions options)
{
    /// <summary>Slack refuses a view larger than 250 kB (view_too_large).</summary>
    private const int MaxViewBytes = 250_000;

    /// <summary>private_metadata holds at most 3000 characters.</summary>
    private const int MaxPrivateMetadata = 3000;

    /// <summary>
    /// The blocks argument of a message (null when absent), or why Slack refuses it: invalid_blocks_format for
    /// something that is not a JSON array, invalid_blocks for blocks that break the rules.
    /// </summary>
    public BlockProblem? MessageBlocks(JsonNode? node, out JsonArray? blocks)
    {
        blocks = null;
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            return new BlockProblem("invalid_blocks_format", "blocks must be a JSON array [json-pointer:/blocks]");
        }

        var problems = Problems(array, "message", "/blocks");
        if (problems.Count > 0)
        {
            return new BlockProblem("invalid_blocks", problems);
        }

        blocks = StandInJson.Clone(array);
        return null;
    }

    /// <summary>
    /// The view argument of views.open (a modal) or views.publish (a Home tab), or why Slack refuses it.
    /// Slack answers a bad view with invalid_arguments naming each problem, not with invalid_blocks.
    /// </summary>
    public BlockProblem? View(JsonNode? node, string type, out JsonObject? view)
    {
        view = null;
        if (node is not JsonObject candidate)
        {
            return new BlockProblem("invalid_arguments", "missing required field: view");
        }

        if (Encoding.UTF8.GetByteCount(candidate.ToJsonString()) > MaxViewBytes)
        {
            return new BlockProblem("view_too_large", "view is larger than 250 kB [json-pointer:/view]");
        }

        var problems = new List<string>();
        if (SlackArgs.Text(candidate, "type") != type)
        {
            problems.Add($"must be \"{type}\" [json-pointer:/view/type]");
        }

        if (type == "modal" && candidate["title"] is not JsonObject)
        {
            problems.Add("missing required field: title [json-pointer:/view/title]");
        }

        if (SlackArgs.Text(candidate, "private_metadata") is { Length: > MaxPrivateMetadata })
        {
            problems.Add($"must be at most {MaxPrivateMetadata} characters [json-pointer:/view/private_metadata]");
        }

        if (candidate["blocks"] is JsonArray blocks)
        {
            problems.AddRange(Problems(blocks, type, "/view/blocks"));
        }
        else
        {
            problems.Add("missing required field: blocks [json-pointer:/view/blocks]");
        }

        problems.AddRange(options.CheckView?.Invoke(candidate) ?? []);
        if (problems.Count > 0)
        {
            return new BlockProblem("invalid_arguments", problems);
        }

        view = StandInJson.Clone(candidate);
        return null;
    }

    private List<string> Problems(JsonArray blocks, string surface, string pointer)
    {
        var problems = new List<string>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not JsonObject block)
            {
                problems.Add($"must be an object [json-pointer:{pointer}/{i}]");
            }
            else if (block["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
            {
                problems.Add($"missing required field: type [json-pointer:{pointer}/{i}]");
            }
        }

        // The limits run only on well-formed blocks, as a checker that assumes the shape expects.
        if (problems.Count == 0 && options.CheckBlocks is { } check)
        {
            problems.AddRange(check(blocks, surface));
        }

        return problems;
    }
}
