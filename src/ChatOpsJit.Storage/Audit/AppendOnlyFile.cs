using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ChatOpsJit.Storage.Audit;

/// <summary>
/// Opens a file for appending with <c>O_APPEND</c>, which is what a file made append-only (<c>chattr +a</c>) accepts.
/// .NET's <see cref="FileMode.Append"/> seeks to the end of a plain write handle instead, which such a file refuses.
/// </summary>
internal static partial class AppendOnlyFile
{
    private const int WriteOnly = 0x1, Create = 0x40, Append = 0x400, CloseOnExec = 0x80000;

    /// <summary>A stream that appends to <paramref name="path"/>, creating it with <paramref name="mode"/> if it does not exist.</summary>
    public static FileStream Open(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsLinux())
        {
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            return new FileStream(path, options);
        }

        var fd = open(path, WriteOnly | Create | Append | CloseOnExec, (int)mode);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open '{path}' for appending: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        // Unbuffered, so each write is one write(2) that the kernel appends at the end, whatever the stream's position says.
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    /// <summary>Whether the file is missing, empty or ends with a newline (false after a torn write).</summary>
    public static bool EndsWithNewLineOrIsEmpty(string path)
    {
        if (!File.Exists(path))
        {
            return true;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for one call.
    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);
#pragma warning restore SYSLIB1054
}
