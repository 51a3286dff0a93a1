namespace ChatOpsJit.Storage.Postgres;

/// <summary>How times cross to <c>timestamptz</c>: sent as UTC offsets (Npgsql refuses others), read back as UTC.</summary>
internal static class PostgresTime
{
    public static DateTimeOffset ToDb(DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset? ToDb(DateTimeOffset? value) => value?.ToUniversalTime();

    public static DateTimeOffset FromDb(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
