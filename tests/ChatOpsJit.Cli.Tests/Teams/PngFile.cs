using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ChatOpsJit.Cli.Tests.Teams;

/// <summary>
/// A PNG read the way a strict decoder reads it: the signature, every chunk's CRC, IHDR first and IEND last, the IDAT
/// data inflated and unfiltered (all five filter types), so a test can look at every pixel. 8-bit, non-interlaced
/// greyscale, truecolour, and either with alpha; anything else is refused (ChatOpsJit's icons use none of it).
/// </summary>
internal sealed class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];
    private static readonly uint[] CrcTable = MakeCrcTable();

    private readonly byte[] _rgba;

    private PngFile(int width, int height, int colourType, byte[] rgba)
    {
        Width = width;
        Height = height;
        ColourType = colourType;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>IHDR's colour type: 0 greyscale, 2 truecolour, 4 greyscale with alpha, 6 truecolour with alpha.</summary>
    public int ColourType { get; }

    public bool HasAlphaChannel => ColourType is 4 or 6;

    /// <summary>The pixel at (x, y) as RGBA; alpha is 255 in an image without an alpha channel.</summary>
    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var i = (y * Width + x) * 4;
        return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                yield return Pixel(x, y);
            }
        }
    }

    /// <summary>Just the IHDR's width and height, as Teams' upload reads them first.</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        var header = Chunks(png).First();
        return header.Type == "IHDR"
            ? ((int)BinaryPrimitives.ReadUInt32BigEndian(header.Data), (int)BinaryPrimitives.ReadUInt32BigEndian(header.Data.AsSpan(4)))
            : throw new InvalidDataException($"the first chunk is {header.Type}, not IHDR");
    }

    public static PngFile Read(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        var chunks = Chunks(png).ToList();
        if (chunks[0].Type != "IHDR" || chunks[^1].Type != "IEND")
        {
            throw new InvalidDataException($"chunks run {string.Join(", ", chunks.Select(c => c.Type))}: IHDR must be first and IEND last");
        }

        var header = chunks[0].Data;
        var width = (int)BinaryPrimitives.ReadUInt32BigEndian(header);
        var height = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        var (depth, colourType, compression, filter, interlace) = (header[8], header[9], header[10], header[11], header[12]);
        var channels = colourType switch
        {
            0 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => throw new InvalidDataException($"colour type {colourType} is not read here"),
        };
        if (depth != 8 || compression != 0 || filter != 0 || interlace != 0)
        {
            throw new InvalidDataException($"bit depth {depth}, compression {compression}, filter {filter}, interlace {interlace}: only 8-bit, 0, 0, 0 is read here");
        }

        using var compressed = new MemoryStream(chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray());
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = width * channels;
        if (raw.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"IDAT inflates to {raw.Length} bytes, not {height * (stride + 1)} for {width}x{height} with {channels} channel(s)");
        }

        var pixels = Unfilter(raw, width, height, channels);
        var rgba = new byte[width * height * 4];
        for (var p = 0; p < width * height; p++)
        {
            var s = pixels.AsSpan(p * channels, channels);
            (rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2], rgba[p * 4 + 3]) = channels switch
            {
                1 => (s[0], s[0], s[0], (byte)255),
                2 => (s[0], s[0], s[0], s[1]),
                3 => (s[0], s[1], s[2], (byte)255),
                _ => (s[0], s[1], s[2], s[3]),
            };
        }

        return new PngFile(width, height, colourType, rgba);
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var output = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var type = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[y * (stride + 1) + 1 + x];
                int left = x >= bpp ? output[y * stride + x - bpp] : 0;
                int up = y > 0 ? output[(y - 1) * stride + x] : 0;
                int upLeft = x >= bpp && y > 0 ? output[(y - 1) * stride + x - bpp] : 0;
                output[y * stride + x] = type switch
                {
                    0 => value,
                    1 => (byte)(value + left),
                    2 => (byte)(value + up),
                    3 => (byte)(value + ((left + up) >> 1)),
                    4 => (byte)(value + Paeth(left, up, upLeft)),
                    _ => throw new InvalidDataException($"row {y} has filter type {type}"),
                };
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static IEnumerable<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG: the signature is wrong");
        }

        var at = Signature.Length;
        while (at < png.Length)
        {
            if (at + 12 > png.Length)
            {
                throw new InvalidDataException($"a chunk at byte {at} is cut short");
            }

            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length < 0 || at + 12 + length > png.Length)
            {
                throw new InvalidDataException($"the chunk at byte {at} claims {length} bytes, past the end of the file");
            }

            var body = png.AsSpan(at + 4, 4 + length);
            var type = Encoding.ASCII.GetString(body[..4]);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            if (crc != Crc32(body))
            {
                throw new InvalidDataException($"the {type} chunk's CRC is wrong");
            }

            yield return (type, body[4..].ToArray());
            at += 12 + length;
            if (type == "IEND")
            {
                if (at != png.Length)
                {
                    throw new InvalidDataException("bytes follow IEND");
                }

                yield break;
            }
        }

        throw new InvalidDataException("no IEND chunk");
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xffffffffu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xff] ^ (crc >> 8);
        }

        return crc ^ 0xffffffffu;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
