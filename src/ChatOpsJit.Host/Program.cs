using ChatOpsJit.Host;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Health;
using Microsoft.AspNetCore.Connections;

if (HealthProbe.IsRequested(args))
{
    // The container's HEALTHCHECK: the image has no curl, so the host asks its own /healthz, without building the app.
    return await HealthProbe.RunAsync(args, Environment.GetEnvironmentVariable("Urls") ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Console.Out);
}

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
