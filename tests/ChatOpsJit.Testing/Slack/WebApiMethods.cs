using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>The Web API methods the stand-in knows, each with the token kind it takes (null: any token the workspace issued).</summary>
internal sealed class WebApiMethods
{
    private readonly Dictionary<string, Method> _methods = new(StringComparer.Ordinal);

    public sealed record Method(SlackCredential? Token, Func<JsonObject, WebApiAnswer> Handle);

    public void Add(string name, SlackCredential? token, Func<JsonObject, WebApiAnswer> handle) => _methods.Add(name, new Method(token, handle));

    public bool TryGet(string name, [NotNullWhen(true)] out Method? method) => _methods.TryGetValue(name, out method);
}
