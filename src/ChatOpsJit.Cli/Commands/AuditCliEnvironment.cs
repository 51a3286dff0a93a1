namespace ChatOpsJit.Cli.Commands;

/// <summary>What the audit commands read from outside their arguments: environment variables and the clock (tests pass their own).</summary>
public sealed record AuditCliEnvironment(Func<string, string?> Variable, TimeProvider Time)
{
    public static AuditCliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable, TimeProvider.System);

    /// <summary>An environment with exactly these variables and the given clock.</summary>
    public static AuditCliEnvironment With(IReadOnlyDictionary<string, string> variables, TimeProvider? time = null) =>
        new(name => variables.GetValueOrDefault(name), time ?? TimeProvider.System);
}
