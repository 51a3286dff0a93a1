namespace ChatOpsJit.Testing.Aws;

/// <summary>What <c>aws ssm start-session</c> would have got: a session, or the reason it was refused.</summary>
public sealed record AwsSessionStart(AwsSession? Session, string? Refusal)
{
    public bool Started => Session is not null;

    public override string ToString() => Session is { } session ? $"started {session.SessionId}" : $"refused: {Refusal}";
}
