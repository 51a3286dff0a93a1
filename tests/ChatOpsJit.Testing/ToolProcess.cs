using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ChatOpsJit.Testing;

/// <summary>Runs a program the tests check against (node, helm, kubectl, docker) and returns its exit code and what it printed.</summary>
public static class ToolProcess
{
    /// <param name="program">A path, or a name looked up on PATH.</param>
    /// <param name="check">What the run checks, for the messages when the program is missing or too slow.</param>
    /// <param name="stdin">Written to the program's standard input, which is then closed; null leaves it unredirected.</param>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, string check, TimeSpan timeout,
        string? stdin = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{check} needs {program}: {e.Message}", e);
        }

        using (process)
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            limit.CancelAfter(timeout);
            // Both pipes are read at once so a chatty one cannot block the child.
            var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                if (stdin is not null)
                {
                    await process.StandardInput.WriteAsync(stdin.AsMemory(), limit.Token).ConfigureAwait(false);
                    process.StandardInput.Close();
                }

                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException($"{program} ({check}) did not finish within {timeout}");
            }

            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
