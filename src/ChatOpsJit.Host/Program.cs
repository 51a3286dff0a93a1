using ChatOpsJit.Host;
using ChatOpsJit.Host.Configuration;

try
{
    var app = ChatOpsJitApp.Build(args);
    await app.RunAsync();
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
