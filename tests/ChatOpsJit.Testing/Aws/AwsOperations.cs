namespace ChatOpsJit.Testing.Aws;

/// <summary>The operations the stand-in answers, by service and name; anything else is an unknown operation.</summary>
internal sealed class AwsOperations
{
    private readonly Dictionary<(string Service, string Operation), Func<AwsRequest, AwsAnswer>> _handlers = [];

    public void Add(string service, string operation, Func<AwsRequest, AwsAnswer> handler) => _handlers[(service, operation)] = handler;

    public bool TryGet(string service, string operation, out Func<AwsRequest, AwsAnswer> handler) =>
        _handlers.TryGetValue((service, operation), out handler!);
}
