namespace ChatOpsJit.Testing.Otlp;

/// <summary>
/// A minimal protobuf wire-format reader: the fields of one message as (number, wire type, value), enough to walk OTLP's
/// messages by their field numbers without generated code (OpenTelemetry.Proto is not on the package mirror).
/// </summary>
public static class ProtoWire
{
    /// <summary>One field: <see cref="Bytes"/> for length-delimited fields, <see cref="Number"/> for varints and fixed ones.</summary>
    public readonly record struct Field(int Tag, int WireType, ulong Number, ReadOnlyMemory<byte> Bytes);

    public static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var tag = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return new Field(tag, wireType, Varint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return new Field(tag, wireType, BitConverter.ToUInt64(message.Span.Slice(position, 8)), message.Slice(position, 8));
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return new Field(tag, wireType, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new Field(tag, wireType, BitConverter.ToUInt32(message.Span.Slice(position, 4)), message.Slice(position, 4));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"protobuf wire type {wireType} (field {tag}) at byte {position} is not supported");
            }
        }
    }

    /// <summary>The length-delimited values of field <paramref name="tag"/>, in order (a repeated message field).</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int tag) =>
        Fields(message).Where(f => f.Tag == tag && f.WireType == 2).Select(f => f.Bytes);

    public static string? Text(ReadOnlyMemory<byte> message, int tag) =>
        Fields(message).Where(f => f.Tag == tag && f.WireType == 2).Select(f => System.Text.Encoding.UTF8.GetString(f.Bytes.Span)).LastOrDefault();

    public static ulong? Number(ReadOnlyMemory<byte> message, int tag) =>
        Fields(message).Where(f => f.Tag == tag && f.WireType != 2).Select(f => (ulong?)f.Number).LastOrDefault();

    public static string Hex(ReadOnlyMemory<byte> message, int tag) =>
        Convert.ToHexStringLower(Fields(message).Where(f => f.Tag == tag && f.WireType == 2).Select(f => f.Bytes).LastOrDefault().Span);

    private static ulong Varint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("a protobuf varint runs past 10 bytes");
    }
}
