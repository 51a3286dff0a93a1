using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>Reads outbox messages the way tests compare them.</summary>
public static class OutboxMessageExtensions
{
    /// <summary>The platform that delivers the message, or <c>email</c>.</summary>
    public static string Via(this OutboxMessage message) => message.Platform?.Value ?? Email;

    public const string Email = "email";
}
