using ChatOpsJit.Host;
using ChatOpsJit.Host.Configuration;
using Microsoft.AspNetCore.Connections;

try
{
    var app = ChatOpsJitApp.Build(args);
    try
    {
        await app.RunAsync();
    }
    catch (OperationCanceledException)
    {
        // Nothing here passes a token, so this is the host's own: Ctrl+C or SIGTERM during start-up, a stop that was asked for.
        return 0;
    }
    catch (IOException e) when (e.InnerException is AddressInUseException)
    {
        // Taken between the check and the bind: still one line.
        throw new StartupConfigurationException([ListenAddresses.Problem(app.Configuration["urls"] ?? "")]);
    }

    return 0;
}
catch (StartupConfigurationException e)
{
    // One line per problem, so an operator sees every mistake at once.
    foreach (var problem in e.Problems)
    {
        Console.Error.WriteLine($"configuration error: {problem}");
    }

    return 1;
}
