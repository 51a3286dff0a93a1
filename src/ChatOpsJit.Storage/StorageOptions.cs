using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace ChatOpsJit.Storage;

/// <summary>Where requests, the audit chain and the outbox live (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>
    /// <c>sqlite</c> (embedded default, one replica) or <c>postgres</c> (several replicas sharing one database), any letter case.
    /// With <c>postgres</c> the audit key must be configured (<c>Audit:Key</c> or <c>Audit:KeyFile</c>): there is no database
    /// file to keep it beside.
    /// </summary>
    [Required]
    [RegularExpression("^(?i:sqlite|postgres)$", ErrorMessage =
        "Storage:Provider must be 'sqlite' or 'postgres' (for example Storage__Provider=postgres with " +
        "Storage__ConnectionString='Host=db;Username=chatopsjit;Password=…;Database=chatopsjit').")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>SQLite: <c>Data Source=path/to/file.db</c>; PostgreSQL: an Npgsql connection string (<c>Host=…;Username=…;Password=…;Database=…</c>).</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=./data/chatopsjit.db";

    public bool IsPostgres => IsPostgresName(Provider);

    /// <summary>Whether configuration chooses PostgreSQL; read before options exist, to choose what to register.</summary>
    public static bool IsPostgresConfigured(IConfiguration configuration) =>
        IsPostgresName(configuration[$"{Section}:{nameof(Provider)}"]);

    private static bool IsPostgresName(string? provider) => string.Equals(provider?.Trim(), Postgres, StringComparison.OrdinalIgnoreCase);
}
