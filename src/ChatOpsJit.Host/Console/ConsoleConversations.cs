namespace ChatOpsJit.Host.Console;

/// <summary>How the console names its conversations: <c>channel:</c>, <c>dm:</c> and <c>email:</c> plus a name.</summary>
public static class ConsoleConversations
{
    public static string Channel(string name) => "channel:" + name;

    public static string Direct(string email) => "dm:" + email.ToLowerInvariant();

    public static string Email(string address) => "email:" + address.ToLowerInvariant();

    public static (string Kind, string Name) Split(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("channel", id) : (id[..colon], id[(colon + 1)..]);
    }
}
