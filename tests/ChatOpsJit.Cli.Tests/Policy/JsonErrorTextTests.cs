using System.Text.Json;
using ChatOpsJit.Cli.Commands;

namespace ChatOpsJit.Cli.Tests.Policy;

/// <summary>System.Text.Json's messages said in plain words, with the column a person would count.</summary>
public sealed class JsonErrorTextTests
{
    [TestCase("x", "unexpected 'x' at column 1")]
    [TestCase("{oops", "expected a property name in double quotes at column 2, not 'o'")]
    [TestCase("{'a':1}", "expected a property name in double quotes at column 2, not '''")]
    [TestCase("""{"a" 1}""", "expected ':' after the property name at column 6, not '1'")]
    [TestCase("""{"a":1 "b":2}""", "expected ',', '}' or ']' after a value at column 8, not '\"'")]
    [TestCase("""{"a":tru}""", "unexpected 'tru' at column 6 (text needs double quotes; the bare words are true, false and null)")]
    [TestCase("not json", "unexpected 'not' at column 1 (text needs double quotes; the bare words are true, false and null)")]
    [TestCase("""{"é":é}""", "unexpected 'é' at column 6")]
    [TestCase("{} {}", "unexpected '{' at column 4 after the request (one request per line)")]
    [TestCase("""{"a":1x}""", "unexpected 'x' at column 7 in a number")]
    [TestCase("""{"a":"\q"}""", "unknown escape '\\q' at column 8")]
    [TestCase("[1,]", "trailing comma at column 4")]
    [TestCase("""{"a":1""", "the line ends before the JSON does (is a closing '}', ']' or '\"' missing?)")]
    [TestCase("""{"a":"abc""", "the line ends before the JSON does (is a closing '}', ']' or '\"' missing?)")]
    public void Describes_the_mistake_and_where_it_is(string line, string expected)
    {
        var e = Assert.Catch<JsonException>(() => JsonDocument.Parse(line).Dispose())!;

        Assert.That(JsonErrorText.Describe(e, line), Is.EqualTo(expected), e.Message);
    }
}
