using ChatOpsJit.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Storage;

/// <summary>Start-up check of <c>Storage:ConnectionString</c> for PostgreSQL: an Npgsql connection string naming a host.</summary>
public sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsPostgres && PostgresDatabase.ConnectionStringProblem(options.ConnectionString ?? "") is { } problem
            ? ValidateOptionsResult.Fail($"Storage:ConnectionString: {problem}.")
            : ValidateOptionsResult.Success;
    }
}
