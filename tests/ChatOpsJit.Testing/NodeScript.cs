using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ChatOpsJit.Testing;

/// <summary>Runs one of the tests' node scripts (Slack's type check, the Adaptive Cards parser, the Teams manifest schema) and returns what it printed.</summary>
public static class NodeScript
{
    /// <param name="folder">The npm folder holding the script and its node_modules.</param>
    /// <param name="check">What the script checks, for the messages when node is missing or too slow.</param>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string folder, string script, IEnumerable<string> arguments, string check, TimeSpan timeout, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{check} needs node on PATH: {e.Message}", e);
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
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException($"node {script} ({check}) did not finish within {timeout}");
            }

            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
