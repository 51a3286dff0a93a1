using System.Globalization;

namespace ChatOpsJit.Testing.Otlp;

/// <summary>
/// Decodes OTLP's protobuf messages by the field numbers of opentelemetry-proto: ExportTraceServiceRequest
/// (resource_spans 1) → ResourceSpans (resource 1, scope_spans 2) → ScopeSpans (scope 1, spans 2) → Span (trace_id 1,
/// span_id 2, parent_span_id 4, name 5, kind 6, attributes 9, status 15); ExportMetricsServiceRequest (resource_metrics 1)
/// → ResourceMetrics (scope_metrics 2) → ScopeMetrics (metrics 2) → Metric (name 1).
/// </summary>
public static class OtlpMessages
{
    public static IEnumerable<OtlpSpan> Spans(ReadOnlyMemory<byte> exportTraceServiceRequest)
    {
        foreach (var resourceSpans in ProtoWire.Messages(exportTraceServiceRequest, 1))
        {
            var resource = ProtoWire.Messages(resourceSpans, 1).Select(r => Attributes(r, 1)).FirstOrDefault() ?? new Dictionary<string, string>();
            foreach (var scopeSpans in ProtoWire.Messages(resourceSpans, 2))
            {
                var scope = ProtoWire.Messages(scopeSpans, 1).Select(s => ProtoWire.Text(s, 1)).FirstOrDefault() ?? "";
                foreach (var span in ProtoWire.Messages(scopeSpans, 2))
                {
                    var status = ProtoWire.Messages(span, 15).Select(s => (int)(ProtoWire.Number(s, 3) ?? 0)).FirstOrDefault();
                    yield return new OtlpSpan(
                        ProtoWire.Hex(span, 1), ProtoWire.Hex(span, 2), ProtoWire.Hex(span, 4), ProtoWire.Text(span, 5) ?? "",
                        (int)(ProtoWire.Number(span, 6) ?? 0), scope, Attributes(span, 9), resource, status);
                }
            }
        }
    }

    /// <summary>The names of the metrics in an ExportMetricsServiceRequest, with their scope (meter) names.</summary>
    public static IEnumerable<(string Scope, string Name)> Metrics(ReadOnlyMemory<byte> exportMetricsServiceRequest) =>
        from resourceMetrics in ProtoWire.Messages(exportMetricsServiceRequest, 1)
        from scopeMetrics in ProtoWire.Messages(resourceMetrics, 2)
        let scope = ProtoWire.Messages(scopeMetrics, 1).Select(s => ProtoWire.Text(s, 1)).FirstOrDefault() ?? ""
        from metric in ProtoWire.Messages(scopeMetrics, 2)
        select (scope, ProtoWire.Text(metric, 1) ?? "");

    // KeyValue (key 1, value 2); AnyValue (string 1, bool 2, int 3, double 4), shown as text.
    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int tag)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in ProtoWire.Messages(message, tag))
        {
            var key = ProtoWire.Text(keyValue, 1) ?? "";
            var value = ProtoWire.Messages(keyValue, 2).Select(AnyValue).FirstOrDefault() ?? "";
            attributes[key] = value;
        }

        return attributes;
    }

    private static string AnyValue(ReadOnlyMemory<byte> value)
    {
        foreach (var field in ProtoWire.Fields(value))
        {
            switch (field.Tag)
            {
                case 1:
                    return System.Text.Encoding.UTF8.GetString(field.Bytes.Span);
                case 2:
                    return field.Number != 0 ? "true" : "false";
                case 3:
                    return ((long)field.Number).ToString(CultureInfo.InvariantCulture);
                case 4:
                    return BitConverter.UInt64BitsToDouble(field.Number).ToString(CultureInfo.InvariantCulture);
            }
        }

        return "";
    }
}
