using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ChatOpsJit.Testing.Processes;

/// <summary>
/// The POSIX signals .NET has no API for: SIGTERM (stop gracefully, as systemd or Kubernetes does), SIGSTOP and SIGCONT
/// (freeze a process and let it go on, as a stalled VM would). <c>Process.Kill()</c> is SIGKILL on Linux.
/// </summary>
public static class PosixSignals
{
    public const int Terminate = 15;
    public const int Stop = 19;
    public const int Continue = 18;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="processId"/>; throws when the kernel refuses.</summary>
    public static void Send(int processId, int signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the signal numbers here are Linux's");
        }

        if (Kill(processId, signal) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({processId}, {signal}) failed");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);
}
