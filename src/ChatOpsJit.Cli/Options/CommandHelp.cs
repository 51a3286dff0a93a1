using System.Text;

namespace ChatOpsJit.Cli.Options;

/// <summary>The <c>--help</c> text of one command, laid out from its <see cref="CommandSpec"/>.</summary>
public static class CommandHelp
{
    public static string Format(CommandSpec spec)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var usage in spec.Usage)
        {
            text.AppendLine($"{(first ? "usage:" : "      ")} chatopsjit {usage}");
            first = false;
        }

        text.AppendLine().AppendLine(spec.Summary).AppendLine().AppendLine("options:");
        var options = spec.Options.Select(o => (Left: (o.Short is null ? "    " : $"-{o.Short}, ") + o.Synopsis, o.Help))
            .Append((Left: "-h, --help", Help: "print this help and exit"))
            .ToList();
        var width = options.Max(o => o.Left.Length) + 2;
        foreach (var (left, help) in options)
        {
            text.AppendLine($"  {left.PadRight(width)}{help}");
        }

        if (spec.Details is { } details)
        {
            text.AppendLine().AppendLine(details.TrimEnd());
        }

        if (spec.Examples.Count > 0)
        {
            text.AppendLine().AppendLine("examples (from the repository root):");
            foreach (var example in spec.Examples)
            {
                text.AppendLine($"  {example}");
            }
        }

        return text.ToString();
    }
}
