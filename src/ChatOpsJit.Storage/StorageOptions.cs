using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Storage;

/// <summary>Where requests, the audit chain and the outbox live (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (embedded default); <c>postgres</c> comes with multi-replica support.</summary>
    [Required]
    [RegularExpression("^(?i:sqlite)$", ErrorMessage = "Storage:Provider must be 'sqlite' (PostgreSQL support is not built yet).")]
    public string Provider { get; set; } = "sqlite";

    [Required]
    public string ConnectionString { get; set; } = "Data Source=./data/chatopsjit.db";
}
