using ChatOpsJit.Core.Commands;

namespace ChatOpsJit.Core.Tests.Commands;

public sealed class AccessCommandParserTests
{
    private static AccessCommand.Request Request(string text)
    {
        var command = AccessCommandParser.Parse(text);
        Assert.That(command, Is.TypeOf<AccessCommand.Request>(), (command as AccessCommand.Invalid)?.Message);
        return (AccessCommand.Request)command;
    }

    private static AccessCommand.Invalid Invalid(string? text)
    {
        var command = AccessCommandParser.Parse(text);
        Assert.That(command, Is.TypeOf<AccessCommand.Invalid>());
        return (AccessCommand.Invalid)command;
    }

    [TestCase("access i-0abc123 disk full on web-1")]
    [TestCase("/access i-0abc123 disk full on web-1")]
    [TestCase("ACCESS i-0abc123 disk full on web-1")]
    [TestCase("i-0abc123 disk full on web-1")]
    [TestCase("  access   i-0abc123   disk  full   on web-1  ")]
    public void Request_is_read_with_or_without_the_access_prefix(string text)
    {
        var request = Request(text);

        Assert.That(request, Is.EqualTo(new AccessCommand.Request(request.Nodes, "disk full on web-1", null, null)));
        Assert.That(request.Nodes, Is.EqualTo(new[] { "i-0abc123" }));
    }

    [Test]
    public void Request_reads_a_trailing_duration()
    {
        var request = Request("access web-1 rotate logs for 2h");

        Assert.That(request.Reason, Is.EqualTo("rotate logs"));
        Assert.That(request.Duration, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(request.RunAs, Is.Null);
    }

    [Test]
    public void Request_reads_a_trailing_run_as_user()
    {
        var request = Request("access web-1 rotate logs as readonly");

        Assert.That(request.Reason, Is.EqualTo("rotate logs"));
        Assert.That(request.RunAs, Is.EqualTo("readonly"));
        Assert.That(request.Duration, Is.Null);
    }

    [TestCase("access web-1 rotate logs for 1h30m as readonly")]
    [TestCase("access web-1 rotate logs as readonly for 1h30m")]
    [TestCase("access web-1 rotate logs AS readonly FOR 1h30m")]
    public void Request_reads_duration_and_run_as_in_either_order(string text)
    {
        var request = Request(text);

        Assert.That(request.Reason, Is.EqualTo("rotate logs"));
        Assert.That(request.Duration, Is.EqualTo(TimeSpan.FromMinutes(90)));
        Assert.That(request.RunAs, Is.EqualTo("readonly"));
    }

    [Test]
    public void Reason_ending_in_for_and_a_word_that_is_not_a_duration_keeps_it()
    {
        var request = Request("access web-1 waiting for deploy");

        Assert.That(request.Reason, Is.EqualTo("waiting for deploy"));
        Assert.That(request.Duration, Is.Null);
    }

    [Test]
    public void Reason_containing_for_keeps_it_and_still_reads_the_trailing_duration()
    {
        var request = Request("access web-1 check for leaks for 30m");

        Assert.That(request.Reason, Is.EqualTo("check for leaks"));
        Assert.That(request.Duration, Is.EqualTo(TimeSpan.FromMinutes(30)));
    }

    [Test]
    public void Request_names_several_nodes_separated_by_commas_without_duplicates()
    {
        var request = Request("access web-1,web-2,,web-1,i-0abc deploy hotfix");

        Assert.That(request.Nodes, Is.EqualTo(new[] { "web-1", "web-2", "i-0abc" }));
    }

    [Test]
    public void Request_of_five_nodes_is_accepted()
    {
        Assert.That(Request("access a,b,c,d,e deploy").Nodes, Has.Count.EqualTo(5));
    }

    [Test]
    public void Request_of_more_than_five_nodes_is_refused_with_the_count()
    {
        Assert.That(Invalid("access a,b,c,d,e,f deploy").Message, Is.EqualTo("at most 5 nodes per request; you named 6."));
    }

    [TestCase("access web/1 deploy", "'web/1' is not a node id or name.")]
    [TestCase("access -web deploy", "'-web' is not a node id or name.")]
    [TestCase("access web-1,<@U123> deploy", "'<@U123>' is not a node id or name.")]
    public void Request_with_a_malformed_node_is_refused(string text, string message)
    {
        Assert.That(Invalid(text).Message, Is.EqualTo(message));
    }

    [Test]
    public void Reason_of_256_characters_is_accepted()
    {
        var reason = new string('r', 256);

        Assert.That(Request($"access web-1 {reason}").Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Reason_of_257_characters_is_refused_giving_the_count()
    {
        var reason = new string('r', 120) + " " + new string('s', 136);

        var invalid = Invalid($"access web-1 {reason} for 2h");

        Assert.That(invalid.Message, Is.EqualTo("the reason is 257 characters; the limit is 256."));
        Assert.That(invalid.Example, Is.EqualTo(AccessCommandParser.RequestExample));
    }

    [TestCase("access web-1")]
    [TestCase("access web-1 for 2h")]
    [TestCase("access web-1 as readonly")]
    [TestCase("access web-1 for 2h as readonly")]
    public void Request_without_a_reason_is_refused(string text)
    {
        Assert.That(Invalid(text).Message, Is.EqualTo("a reason is required."));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("access")]
    [TestCase("/access   ")]
    public void Empty_command_asks_which_node_and_why(string? text)
    {
        Assert.That(Invalid(text).Message, Is.EqualTo("tell me which node and why."));
    }

    [TestCase("access web-1 fix it as Root")]
    [TestCase("access web-1 fix it as 1user")]
    public void Invalid_run_as_user_is_refused(string text)
    {
        Assert.That(Invalid(text).Message, Does.EndWith("is not a valid OS user name to run as."));
    }

    [Test]
    public void Help_list_and_policies_are_read()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AccessCommandParser.Parse("access help"), Is.TypeOf<AccessCommand.Help>());
            Assert.That(AccessCommandParser.Parse("/access HELP"), Is.TypeOf<AccessCommand.Help>());
            Assert.That(AccessCommandParser.Parse("access list"), Is.TypeOf<AccessCommand.List>());
            Assert.That(AccessCommandParser.Parse("access policies"), Is.EqualTo(new AccessCommand.Policies(null)));
            Assert.That(AccessCommandParser.Parse("access policies web-1"), Is.EqualTo(new AccessCommand.Policies("web-1")));
        });
    }

    [Test]
    public void List_and_policies_with_extra_arguments_are_refused()
    {
        Assert.That(Invalid("access list mine").Message, Is.EqualTo("'access list' takes no arguments."));
        Assert.That(Invalid("access policies web-1 web-2").Message, Is.EqualTo("'access policies' takes at most one node."));
    }

    [Test]
    public void Status_cancel_and_revoke_take_one_request_id_lowercased()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AccessCommandParser.Parse("access status ar-1a2b3c4d"), Is.EqualTo(new AccessCommand.Status("ar-1a2b3c4d")));
            Assert.That(AccessCommandParser.Parse("access cancel AR-1A2B3C4D"), Is.EqualTo(new AccessCommand.Cancel("ar-1a2b3c4d")));
            Assert.That(AccessCommandParser.Parse("/access revoke ar-00000000"), Is.EqualTo(new AccessCommand.Revoke("ar-00000000")));
        });
    }

    [TestCase("access status")]
    [TestCase("access status ar-1a2b3c4")]
    [TestCase("access status ar-1a2b3c4d5")]
    [TestCase("access status ar-1a2b3c4g")]
    [TestCase("access status oi-1a2b3c4d")]
    [TestCase("access status ar-1a2b3c4d ar-1a2b3c4e")]
    public void Status_with_a_malformed_or_missing_id_is_refused(string text)
    {
        var invalid = Invalid(text);

        Assert.That(invalid.Message, Is.EqualTo("'access status' needs one request id like ar-1a2b3c4d."));
        Assert.That(invalid.Example, Is.EqualTo("access status ar-1a2b3c4d"));
    }

    [TestCase("access cancel nope", "cancel")]
    [TestCase("access revoke", "revoke")]
    public void Cancel_and_revoke_with_a_malformed_id_are_refused(string text, string verb)
    {
        Assert.That(Invalid(text).Message, Is.EqualTo($"'access {verb}' needs one request id like ar-1a2b3c4d."));
    }

    [Test]
    public void Extend_reads_an_id_and_an_optional_duration()
    {
        Assert.That(AccessCommandParser.Parse("access extend ar-1a2b3c4d"), Is.EqualTo(new AccessCommand.Extend("ar-1a2b3c4d", null)));
        Assert.That(AccessCommandParser.Parse("access extend ar-1a2b3c4d by 30m"), Is.EqualTo(new AccessCommand.Extend("ar-1a2b3c4d", TimeSpan.FromMinutes(30))));
    }

    [TestCase("access extend")]
    [TestCase("access extend ar-1a2b3c4d by")]
    [TestCase("access extend ar-1a2b3c4d by soon")]
    [TestCase("access extend ar-1a2b3c4d for 30m")]
    [TestCase("access extend web-1 by 30m")]
    public void Extend_in_any_other_form_is_refused(string text)
    {
        Assert.That(Invalid(text).Message, Is.EqualTo("give a request id and optionally 'by <duration>'."));
    }
}
