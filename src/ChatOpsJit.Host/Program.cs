using ChatOpsJit.Host;
using Microsoft.Extensions.Options;

try
{
    var app = ChatOpsJitApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // One line per problem, so an operator sees every mistake at once.
    foreach (var failure in e.Failures)
    {
        Console.Error.WriteLine($"configuration error: {failure}");
    }

    return 1;
}
