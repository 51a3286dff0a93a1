using System.Globalization;
using Amazon.Runtime;
using ChatOpsJit.Testing.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Testing.Aws;

/// <summary>AWS for tests: one loopback HTTP endpoint answering SSM, STS, EC2 and SES v2 to the real AWS SDK, signatures checked.</summary>
/// <remarks>
/// Point every client's ServiceURL at <see cref="Url"/> and set AuthenticationRegion: with a ServiceURL the SDK cannot
/// tell the Region from the host and signs for us-east-1 otherwise, and the Region of the signature is the Region a call
/// acts in here. Setting RegionEndpoint as well would send the calls to the real AWS.
/// </remarks>
public sealed partial class AwsStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AwsStandInOptions _options;
    private readonly KeyRing _keys;
    private readonly AwsWorld _world = new();
    private readonly AwsFaultPlan _faults = new();
    private readonly AwsOperations _operations = new();
    private readonly Recorded<AwsCall> _calls = new(c => c.ToString());
    private readonly Recorded<IssuedCredentials> _issued = new(c => c.ToString());
    private readonly Recorded<AwsSignal> _signals = new(s => $"{s.SignalType} {s.AutomationExecutionId}");
    private readonly Recorded<SentEmail> _emails = new(e => e.ToString());
    private readonly SqsQueues _queues = new();
    private int _callSequence;
    private string _url = "";

    private AwsStandIn(WebApplication app, AwsStandInOptions options)
    {
        _app = app;
        _options = options;
        _keys = new KeyRing(options);
        new SsmNodes(_world, options.Time).AddTo(_operations);
        new SsmSessions(_world, options.Time).AddTo(_operations);
        new SsmOpsItems(_world, options.Time, _signals).AddTo(_operations);
        new StsMethods(_world, _keys, options.Time, _issued).AddTo(_operations);
        new Ec2Tags(_world).AddTo(_operations);
        new SesMail(_emails).AddTo(_operations);
        _queues.AddTo(_operations);
    }

    /// <summary>"http://127.0.0.1:{port}": the ServiceURL of every service.</summary>
    public string Url => _url;

    public AwsStandInOptions Options => _options;

    /// <summary>The bot's own access key id (AKIA…), made up per stand-in.</summary>
    public string AccessKeyId => _keys.Bot.AccessKeyId;

    /// <summary>The secret of <see cref="AccessKeyId"/>; random per stand-in, so none is written in the repository.</summary>
    public string SecretAccessKey => _keys.Bot.SecretAccessKey;

    /// <summary>The bot's base credentials, for SDK clients and AWSOptions.</summary>
    public BasicAWSCredentials BotCredentials => new(AccessKeyId, SecretAccessKey);

    /// <summary>The account the bot's own keys act in.</summary>
    public string BotAccountId => _options.BotAccountId;

    /// <summary>arn:aws:iam::{BotAccountId}:user/{BotUserName}.</summary>
    public string BotArn => _keys.Bot.Arn;

    /// <summary>Starts the stand-in on a free loopback port.</summary>
    public static async Task<AwsStandIn> StartAsync(AwsStandInOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new AwsStandIn(app, options ?? new AwsStandInOptions());
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn._url = address.TrimEnd('/');
        return standIn;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = _options.Time.GetUtcNow();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var request = AwsRequest.Read(context.Request, body);
        var verified = SigV4Verifier.Verify(context.Request, body, _keys, receivedAt);
        AwsAnswer answer;
        var refused = true;
        if (verified.Principal is null)
        {
            answer = AwsAnswer.Error(request.Protocol, request.RequestId, 403, verified.ErrorCode!, verified.ErrorMessage!);
        }
        else if (verified.Scope!.Service != request.Service)
        {
            answer = AwsAnswer.Error(request.Protocol, request.RequestId, 403, "SignatureDoesNotMatch",
                $"Credential should be scoped to correct service: '{request.Service}', not '{verified.Scope.Service}'.");
        }
        else
        {
            request.Principal = verified.Principal;
            request.Region = verified.Scope.Region;
            if (_faults.Take(request.Operation) is { } fault)
            {
                answer = AwsFaultPlan.Answer(request, fault.Fault, fault.RetryAfter);
            }
            else
            {
                refused = false;
                answer = Answer(request);
            }
        }

        _calls.Add(new AwsCall(
            Interlocked.Increment(ref _callSequence),
            request.Service,
            request.Operation,
            verified.Scope?.Region,
            verified.Principal?.Account,
            verified.Scope?.AccessKeyId,
            request.Body,
            refused,
            answer.ErrorCode is null ? null : $"{answer.ErrorCode}: {answer.ErrorMessage}",
            answer.StatusCode,
            answer.ErrorCode,
            receivedAt));
        await WriteAsync(context, request, answer);
    }

    private AwsAnswer Answer(AwsRequest request)
    {
        if (!_operations.TryGet(request.Service, request.Operation, out var handler))
        {
            return request.Protocol == AwsProtocol.Query || request.Protocol == AwsProtocol.Ec2Query
                ? AwsAnswer.Error(request, System.Net.HttpStatusCode.BadRequest, "InvalidAction", $"The action {request.Operation} is not valid for this web service.")
                : AwsAnswer.Error(request, System.Net.HttpStatusCode.BadRequest, "UnknownOperationException", $"The stand-in does not answer {request.Service}:{request.Operation}");
        }

        if (request.Protocol is AwsProtocol.Json11 && request.Json is null)
        {
            return AwsAnswer.Error(request, System.Net.HttpStatusCode.BadRequest, "SerializationException", "The request body is not a JSON object.");
        }

        return handler(request);
    }

    private static async Task WriteAsync(HttpContext context, AwsRequest request, AwsAnswer answer)
    {
        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = request.RequestId;
        if (request.Protocol == AwsProtocol.RestJson && answer.ErrorCode is { } code)
        {
            context.Response.Headers["x-amzn-ErrorType"] = code;
        }

        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
