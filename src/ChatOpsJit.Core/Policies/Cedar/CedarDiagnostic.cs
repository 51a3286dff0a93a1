namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>A parse or validation problem at a position (1-based line and column) in a policy file.</summary>
public sealed record CedarDiagnostic(string File, int Line, int Column, string Message, string? Help = null)
{
    /// <summary>Formats as <c>file:line:col: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Thrown when policy text does not parse; carries every diagnostic found.</summary>
public sealed class CedarParseException : Exception
{
    /// <summary>Creates the exception from the diagnostics (at least one).</summary>
    public CedarParseException(IReadOnlyList<CedarDiagnostic> diagnostics)
        : base(diagnostics.Count == 0 ? "policy parse failed" : string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, in source order.</summary>
    public IReadOnlyList<CedarDiagnostic> Diagnostics { get; }
}

/// <summary>Thrown when entity or context JSON is not in Cedar's JSON format.</summary>
public sealed class CedarFormatException : Exception
{
    /// <summary>Creates the exception with a lowercase message.</summary>
    public CedarFormatException(string message) : base(message) { }
}
