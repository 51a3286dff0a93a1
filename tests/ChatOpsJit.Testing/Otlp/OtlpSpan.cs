namespace ChatOpsJit.Testing.Otlp;

/// <summary>One span as an OTLP/HTTP receiver decoded it, with its resource's and scope's names.</summary>
/// <param name="Kind">OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</param>
/// <param name="StatusCode">OTLP's StatusCode: 0 unset, 1 ok, 2 error.</param>
public sealed record OtlpSpan(
    string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, string Scope,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> Resource, int StatusCode)
{
    public const int Internal = 1;
    public const int Server = 2;
    public const int Client = 3;

    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

    public override string ToString() => $"{Name} [{Scope}] {string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"))}";
}
