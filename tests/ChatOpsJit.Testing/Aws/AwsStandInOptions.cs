namespace ChatOpsJit.Testing.Aws;

/// <summary>How an <see cref="AwsStandIn"/> is set up: its clock and the account the bot's own keys act in.</summary>
public sealed record AwsStandInOptions
{
    /// <summary>
    /// The clock behind credential expiry, the DateLessThan condition of session policies and every recorded time; a fake one
    /// makes expiry tests instant. Signatures are not checked for clock skew, because the SDK signs with the real clock.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The account the bot's base credentials belong to (an IAM user there).</summary>
    public string BotAccountId { get; init; } = "999999999999";

    /// <summary>The IAM user name of the bot, the last part of its ARN.</summary>
    public string BotUserName { get; init; } = "chatopsjit-bot";
}
