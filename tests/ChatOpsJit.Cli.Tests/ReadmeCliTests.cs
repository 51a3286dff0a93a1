using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsJit.Cli.Tests;

/// <summary>
/// Every <c>chatopsjit policy …</c> line of README's Operator CLI block runs as written from the repository root and exits
/// as its <c># … exit N</c> comment says, so the README cannot drift from the CLI or the shipped samples.
/// </summary>
[NonParallelizable] // changes the process's working directory
public sealed partial class ReadmeCliTests
{
    private static readonly string Root = PolicyValidateCommandTests.RepoRoot();

    public static IEnumerable<TestCaseData> PolicyLines() =>
        OperatorCliBlock().Where(l => l.StartsWith("chatopsjit policy ", StringComparison.Ordinal))
            .Select((l, i) => new TestCaseData(l).SetArgDisplayNames($"{i + 1}: {Shorten(l)}"));

    private static string Shorten(string line)
    {
        var oneSpace = string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return oneSpace.Length > 60 ? oneSpace[..60] + "..." : oneSpace;
    }

    [Test]
    public void The_block_starts_with_the_alias_and_documents_authorize_single_and_batch()
    {
        var block = OperatorCliBlock();

        Assert.That(block[0], Is.EqualTo("alias chatopsjit='dotnet run --project src/ChatOpsJit.Cli --'"));
        Assert.That(block.Count(l => l.StartsWith("chatopsjit policy authorize ", StringComparison.Ordinal) && !l.Contains("--batch", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2));
        Assert.That(block.Count(l => l.StartsWith("chatopsjit policy authorize ", StringComparison.Ordinal) && l.Contains("--batch", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [TestCaseSource(nameof(PolicyLines))]
    public void The_line_runs_from_the_repository_root_with_its_documented_exit_status(string line)
    {
        var (words, comment) = ShellWords(line);
        Assert.That(ExitComment().Match(comment ?? ""), Has.Property("Success").True, $"document the exit status as '# … exit N' on: {line}");
        var expected = int.Parse(ExitComment().Match(comment!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var previous = Environment.CurrentDirectory;
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code;
        try
        {
            Environment.CurrentDirectory = Root;
            code = ChatOpsJitCli.Run([.. words.Skip(1)], TextReader.Null, output, error);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.That(code, Is.EqualTo(expected), $"stdout:{Environment.NewLine}{output}{Environment.NewLine}stderr:{Environment.NewLine}{error}");
        if (comment!.Contains("ALLOW", StringComparison.Ordinal) || comment.Contains("DENY", StringComparison.Ordinal))
        {
            Assert.That(output.ToString(), Does.StartWith(comment.Contains("ALLOW", StringComparison.Ordinal) ? "ALLOW" : "DENY"));
        }
    }

    [Test]
    public void Shell_words_follow_quotes_escapes_and_comments()
    {
        var (words, comment) = ShellWords("""chatopsjit a 'b "c"' "d \"e\" f" g\ h # exit 2, really""");

        Assert.That(words, Is.EqualTo(new[] { "chatopsjit", "a", "b \"c\"", "d \"e\" f", "g h" }));
        Assert.That(comment, Is.EqualTo("exit 2, really"));
    }

    /// <summary>The logical lines (continuations joined) of the first sh block under "## Operator CLI".</summary>
    private static List<string> OperatorCliBlock()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var section = readme.IndexOf("\n## Operator CLI\n", StringComparison.Ordinal);
        Assert.That(section, Is.GreaterThan(0), "README has an '## Operator CLI' section");
        var start = readme.IndexOf("```sh\n", section, StringComparison.Ordinal) + "```sh\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end].Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }

    /// <summary>Splits a line the way a POSIX shell does for the quoting README uses; returns the words and the comment.</summary>
    private static (List<string> Words, string? Comment) ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '#' when !inWord:
                    return (words, line[(i + 1)..].Trim());
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    for (i++; line[i] != '"'; i++)
                    {
                        word.Append(line[i] == '\\' && "\"\\$`".Contains(line[i + 1], StringComparison.Ordinal) ? line[++i] : line[i]);
                    }

                    inWord = true;
                    break;
                case '\\':
                    word.Append(line[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return (words, null);
    }

    [GeneratedRegex(@"\bexit (\d+)\b")]
    private static partial Regex ExitComment();
}
