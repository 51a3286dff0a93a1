// Draws ChatOpsJit's two Teams icons and writes them as PNG files beside this script:
//   color.png    192×192, full colour: a white padlock with an amber keyhole on the accent colour (#1d3b53)
//   outline.png   32×32, the same padlock in white on a transparent background (RGBA; only white pixels, edges antialiased)
// Run from the repository root after changing the drawing: dotnet run manifests/teams/make-icons.cs
// The output is deterministic (same drawing, same bytes), so a rerun without changes leaves git clean.
using System.IO.Compression;

var here = Path.GetFullPath(Path.Combine("manifests", "teams"));
if (!File.Exists(Path.Combine(here, "manifest.json")))
{
    Console.Error.WriteLine($"make-icons: no manifest.json in {here}; run from the repository root");
    return 1;
}

(byte R, byte G, byte B) accent = (0x1d, 0x3b, 0x53), white = (255, 255, 255), amber = (0xf2, 0xa9, 0x00);

// The colour icon keeps the padlock inside Teams' 120×120 safe area of the 192×192 tile; the outline fills 28 of 32 pixels.
var color = Render(192, new Box(36, 36, 120), (inLock, inKeyhole) => inKeyhole ? (amber, 1) : inLock ? (white, 1) : (accent, 1));
var outline = Render(32, new Box(2, 2, 28), (inLock, inKeyhole) => inLock && !inKeyhole ? (white, 1) : (white, 0));
File.WriteAllBytes(Path.Combine(here, "color.png"), Png.Encode(192, 192, color, alpha: false));
File.WriteAllBytes(Path.Combine(here, "outline.png"), Png.Encode(32, 32, outline, alpha: true));
Console.WriteLine($"wrote {Path.Combine(here, "color.png")} (192×192) and {Path.Combine(here, "outline.png")} (32×32)");
return 0;

// Each pixel is the average of 8×8 samples, so edges are antialiased; the outline's edges get partial alpha, never grey.
static byte[] Render(int size, Box box, Func<bool, bool, ((byte R, byte G, byte B) Color, int Opaque)> paint)
{
    const int samples = 8;
    var rgba = new byte[size * size * 4];
    for (var y = 0; y < size; y++)
    {
        for (var x = 0; x < size; x++)
        {
            double r = 0, g = 0, b = 0, a = 0;
            for (var sy = 0; sy < samples; sy++)
            {
                for (var sx = 0; sx < samples; sx++)
                {
                    // The sample in the padlock's own 120-unit square.
                    var u = (x + (sx + 0.5) / samples - box.X) / box.Size * 120;
                    var v = (y + (sy + 0.5) / samples - box.Y) / box.Size * 120;
                    var (c, opaque) = paint(Padlock.Contains(u, v), Padlock.Keyhole(u, v));
                    r += c.R * opaque;
                    g += c.G * opaque;
                    b += c.B * opaque;
                    a += opaque;
                }
            }

            var i = (y * size + x) * 4;
            // Colour averaged over the opaque samples (premultiplied, then divided back), alpha the opaque share.
            rgba[i] = a == 0 ? (byte)0 : (byte)Math.Round(r / a);
            rgba[i + 1] = a == 0 ? (byte)0 : (byte)Math.Round(g / a);
            rgba[i + 2] = a == 0 ? (byte)0 : (byte)Math.Round(b / a);
            rgba[i + 3] = (byte)Math.Round(255 * a / (samples * samples));
        }
    }

    return rgba;
}

/// <summary>Where the 120-unit padlock square sits in the image, in pixels.</summary>
internal readonly record struct Box(double X, double Y, double Size);

/// <summary>The padlock in a 120×120 square: a shackle (half ring on two legs), a rounded body, a keyhole.</summary>
internal static class Padlock
{
    public static bool Contains(double u, double v) => Shackle(u, v) || Body(u, v);

    public static bool Keyhole(double u, double v) =>
        Hypot(u - 60, v - 78) <= 9.5 || (u >= 56 && u <= 64 && v >= 78 && v <= 99);

    private static bool Shackle(double u, double v)
    {
        const double cx = 60, cy = 38, outer = 31, inner = 19;
        var d = Hypot(u - cx, v - cy);
        var ring = v <= cy && d <= outer && d >= inner;
        var legs = v >= cy && v <= 60 && ((u >= cx - outer && u <= cx - inner) || (u >= cx + inner && u <= cx + outer));
        return ring || legs;
    }

    private static bool Body(double u, double v)
    {
        const double left = 16, top = 54, right = 104, bottom = 118, radius = 12;
        if (u < left || u > right || v < top || v > bottom)
        {
            return false;
        }

        var cx = Math.Clamp(u, left + radius, right - radius);
        var cy = Math.Clamp(v, top + radius, bottom - radius);
        return Hypot(u - cx, v - cy) <= radius;
    }

    private static double Hypot(double a, double b) => Math.Sqrt(a * a + b * b);
}

/// <summary>A minimal PNG encoder: 8-bit RGB or RGBA, one IDAT, filter 0 on every row.</summary>
internal static class Png
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    public static byte[] Encode(int width, int height, byte[] rgba, bool alpha)
    {
        var channels = alpha ? 4 : 3;
        var raw = new byte[height * (1 + width * channels)];
        var at = 0;
        for (var y = 0; y < height; y++)
        {
            raw[at++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 4;
                for (var c = 0; c < channels; c++)
                {
                    raw[at++] = rgba[i + c];
                }
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BigEndian(header, 0, (uint)width);
        BigEndian(header, 4, (uint)height);
        header[8] = 8;                       // bit depth
        header[9] = (byte)(alpha ? 6 : 2);   // colour type: truecolour with alpha, or truecolour
        // compression 0 (deflate), filter method 0, interlace 0 (none)

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BigEndian(length, 0, (uint)data.Length);
        png.Write(length);
        var body = new byte[4 + data.Length];
        for (var i = 0; i < 4; i++)
        {
            body[i] = (byte)type[i];
        }

        data.CopyTo(body, 4);
        png.Write(body);
        var crc = new byte[4];
        BigEndian(crc, 0, Crc32(body));
        png.Write(crc);
    }

    private static void BigEndian(byte[] buffer, int at, uint value)
    {
        buffer[at] = (byte)(value >> 24);
        buffer[at + 1] = (byte)(value >> 16);
        buffer[at + 2] = (byte)(value >> 8);
        buffer[at + 3] = (byte)value;
    }

    // CRC-32 as the PNG specification defines it (ISO 3309 polynomial, reflected), over the chunk type and data.
    private static uint Crc32(byte[] bytes)
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
