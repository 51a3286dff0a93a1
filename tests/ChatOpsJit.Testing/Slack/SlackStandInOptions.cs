using System.Text.Json.Nodes;
using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Testing.Slack;

/// <summary>How a <see cref="SlackStandIn"/> is set up: its tokens and ids, its clock, its time limits and the Block Kit check.</summary>
public sealed class SlackStandInOptions
{
    /// <summary>Options for a stand-in that refuses any payload breaking Block Kit's limits (the app's own BlockKitLimits), as Slack does.</summary>
    public static SlackStandInOptions CheckedAsSlackDoes(TimeProvider? time = null) => new()
    {
        CheckBlocks = (blocks, surface) => BlockKitLimits.Problems(blocks, Enum.Parse<BlockSurface>(surface, ignoreCase: true)),
        CheckView = BlockKitLimits.ViewProblems,
        Time = time ?? TimeProvider.System,
    };

    /// <summary>The bot token (xoxb-…) every Web API method but apps.connections.open takes.</summary>
    /// <remarks>Made up per stand-in, so no token-shaped string is written in the repository and a leak test finds only this one.</remarks>
    public string BotToken { get; init; } = "xoxb-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>The app-level token (xapp-…) that apps.connections.open takes, and nothing else.</summary>
    public string AppToken { get; init; } = "xapp-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    public string TeamId { get; init; } = "T0TEST";

    public string AppId { get; init; } = "A0TEST";

    /// <summary>The bot's own user id, the author of every message it posts.</summary>
    public string BotUserId { get; init; } = "U0BOT";

    public string BotId { get; init; } = "B0TEST";

    /// <summary>When true a channel id the stand-in has not been told about (C… or G…) is taken as one the bot is in.</summary>
    public bool AutoCreateChannels { get; init; }

    /// <summary>
    /// Slack's Block Kit validation: the problems with a blocks array on a surface ("message", "modal" or "home").
    /// Null checks only the shape (an array of objects with a type). The integrator wires BlockKitLimits.Problems here.
    /// </summary>
    public Func<JsonArray, string, IReadOnlyList<string>>? CheckBlocks { get; init; }

    /// <summary>Checks of a whole view beyond its blocks (title, submit, private_metadata…); null checks none.</summary>
    public Func<JsonObject, IReadOnlyList<string>>? CheckView { get; init; }

    /// <summary>The clock behind trigger id and response_url expiry and every recorded time; a fake one makes expiry tests instant.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Slack lets a trigger_id open a modal within 3 seconds of the interaction.</summary>
    public TimeSpan TriggerIdLifetime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Slack takes posts to a response_url for 30 minutes…</summary>
    public TimeSpan ResponseUrlLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>…and at most 5 of them.</summary>
    public int ResponseUrlUses { get; init; } = 5;

    /// <summary>How long after a disconnect message the stand-in closes the socket (Slack warns ahead, then closes).</summary>
    public TimeSpan DisconnectGrace { get; init; } = TimeSpan.FromMilliseconds(500);
}
