using ChatOpsJit.Cli.Options;

namespace ChatOpsJit.Cli.Tests.Options;

/// <summary>The one option parser every command uses: values, aliases, positionals, help, and one error line for each mistake.</summary>
public sealed class OptionParserTests
{
    private enum Colour { Red, Green }

    private static readonly CommandSpec Spec = new("thing do", "does a thing", ["thing do NAME [--count N]"],
    [
        new("count", "N", "how many"),
        new("file", "FILE", "which file", "f"),
        new("colour", "COLOUR", "which colour"),
        new("must", "X", "a required one") { Required = false },
    ])
    {
        Arguments = ["NAME"],
        Examples = ["chatopsjit thing do widget"],
    };

    private static ParsedOptions Parse(params string[] args) => OptionParser.Parse(Spec, args);

    private static string Error(params string[] args) => Assert.Throws<UsageException>(() => Parse(args))!.Message;

    [Test]
    public void Reads_long_inline_and_short_values_and_the_positional()
    {
        var o = Parse("widget", "--count", "3", "--colour=green", "-f", "-");

        Assert.That((o.Arguments.Single(), o.Get("count"), o.Get("colour"), o.Get("file")), Is.EqualTo(("widget", "3", "green", "-")));
        Assert.That(o.Int("count", 1, 1, 10), Is.EqualTo(3));
        Assert.That(o.Enum<Colour>("colour"), Is.EqualTo(Colour.Green));
        Assert.That(o.Has("must"), Is.False);
        Assert.That(o.HelpRequested, Is.False);
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void Help_wins_over_any_other_mistake(string help)
    {
        var o = Parse("--frob", "--count", help, "extra", "args");

        Assert.That(o.HelpRequested, Is.True);
    }

    [TestCase(new[] { "widget", "--frob" }, "unknown option '--frob' for 'thing do'")]
    [TestCase(new[] { "widget", "--frob=1" }, "unknown option '--frob' for 'thing do'")]
    [TestCase(new[] { "widget", "-x" }, "unknown option '-x' for 'thing do'")]
    [TestCase(new[] { "widget", "--count" }, "option '--count' needs a value (e.g. --count N)")]
    [TestCase(new[] { "widget", "--count", "--file", "a" }, "option '--count' needs a value (e.g. --count N)")]
    [TestCase(new[] { "widget", "--count", "1", "--count", "2" }, "option '--count' given more than once")]
    [TestCase(new[] { "widget", "gadget" }, "unexpected argument 'gadget' for 'thing do'")]
    [TestCase(new string[0], "missing NAME for 'thing do' (e.g. chatopsjit thing do widget)")]
    [TestCase(new[] { "--count", "1", "widget", "--frob", "gadget" }, "unknown option '--frob' for 'thing do'")]
    public void Each_mistake_is_one_line(string[] args, string expected)
    {
        Assert.That(Error(args), Is.EqualTo(expected));
    }

    [Test]
    public void A_required_option_that_is_missing_is_named_with_its_value()
    {
        var spec = Spec with { Options = [new("dir", "DIR", "where") { Required = true }], Arguments = [] };

        Assert.That(Assert.Throws<UsageException>(() => OptionParser.Parse(spec, []))!.Message, Is.EqualTo("missing required option '--dir DIR' for 'thing do'"));
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("11")]
    [TestCase("-1")]
    [TestCase("1.5")]
    public void A_number_that_does_not_parse_or_is_out_of_range_is_an_error(string value)
    {
        var o = Parse("widget", "--count", value);

        Assert.That(Assert.Throws<UsageException>(() => o.Int("count", 5, 1, 10))!.Message,
            Is.EqualTo($"option '--count' must be a whole number from 1 to 10, not '{value}' (e.g. --count 5)"));
    }

    [TestCase("blue")]
    [TestCase("1")]
    public void A_name_that_is_not_one_of_the_choices_is_an_error_listing_them(string value)
    {
        var o = Parse("widget", "--colour", value);

        Assert.That(Assert.Throws<UsageException>(() => o.Enum<Colour>("colour"))!.Message,
            Is.EqualTo($"option '--colour' must be one of red, green, not '{value}'"));
    }

    [Test]
    public void A_value_of_any_type_is_read_by_its_parser_and_one_it_refuses_names_what_was_expected()
    {
        static long? Even(string text) => long.TryParse(text, out var n) && n % 2 == 0 ? n : null;

        Assert.That(Parse("widget", "--count", "42").Value<long>("count", Even, "an even number"), Is.EqualTo(42));
        Assert.That(Parse("widget").Value<long>("count", Even, "an even number"), Is.Null);
        Assert.That(Assert.Throws<UsageException>(() => Parse("widget", "--count", "3").Value<long>("count", Even, "an even number", example: "--count 2"))!.Message,
            Is.EqualTo("option '--count' must be an even number, not '3' (e.g. --count 2)"));
        Assert.That(Assert.Throws<UsageException>(() => Parse("widget", "--count", "3").Value<long>("count", Even, "an even number"))!.Message,
            Is.EqualTo("option '--count' must be an even number, not '3'"));
    }

    [Test]
    public void Help_lists_the_usage_the_options_and_the_examples()
    {
        var help = CommandHelp.Format(Spec);

        Assert.That(help, Does.StartWith("usage: chatopsjit thing do NAME [--count N]" + Environment.NewLine));
        Assert.That(help, Does.Contain("  -f, --file FILE").And.Contain("      --count N").And.Contain("  -h, --help"));
        Assert.That(help, Does.EndWith("  chatopsjit thing do widget" + Environment.NewLine));
    }

    [Test]
    public void The_runner_prints_help_on_stdout_exit_zero_and_a_mistake_on_stderr_exit_one()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var ran = false;

        var help = CliCommand.Run(Spec, ["--help"], output, error, _ => { ran = true; return 7; });
        var mistake = CliCommand.Run(Spec, ["widget", "--frob"], output, error, _ => { ran = true; return 7; });
        var fromBody = CliCommand.Run(Spec, ["widget", "--count", "x"], new StringWriter(), error, o => o.Int("count", 1, 1, 9));

        Assert.That((help, mistake, fromBody, ran), Is.EqualTo((0, 1, 1, false)));
        Assert.That(output.ToString(), Is.EqualTo(CommandHelp.Format(Spec)));
        Assert.That(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "error: unknown option '--frob' for 'thing do'; see 'chatopsjit thing do --help'",
            "error: option '--count' must be a whole number from 1 to 9, not 'x' (e.g. --count 1); see 'chatopsjit thing do --help'",
        }));
    }
}
