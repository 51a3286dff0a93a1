namespace ChatOpsJit.Cli.Options;

/// <summary>What one command accepts and how its help reads; every command is parsed and explained from one of these.</summary>
/// <param name="Name">The words after <c>chatopsjit</c>, e.g. <c>requests list</c>.</param>
/// <param name="Summary">One line saying what the command does.</param>
/// <param name="Usage">The synopsis lines, without the leading <c>chatopsjit</c>.</param>
/// <param name="Options">Every option the command accepts (<c>--help</c> is added by the parser).</param>
public sealed record CommandSpec(string Name, string Summary, IReadOnlyList<string> Usage, IReadOnlyList<OptionSpec> Options)
{
    /// <summary>The placeholders of the positional arguments, all required, e.g. <c>DIR</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Further help paragraphs (formats, exit codes), printed after the options.</summary>
    public string? Details { get; init; }

    /// <summary>Lines that run as written from the repository root.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>The tail of every usage error, so the reader knows where the full help is.</summary>
    public string HelpHint => $"see 'chatopsjit {Name} --help'";

    public OptionSpec? Find(string token) =>
        Options.FirstOrDefault(o => token == o.Long || (o.Short is not null && token == "-" + o.Short));
}
