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

    // Records holding lists compare the lists by reference; commands compare by what they say.
    private static bool SameCommand(AccessCommand a, AccessCommand b) =>
        ChatOpsJit.Core.Serialization.CoreJson.Serialize<object>(a) == ChatOpsJit.Core.Serialization.CoreJson.Serialize<object>(b) && a.GetType() == b.GetType();

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

    [Test]
    public void One_word_after_access_is_left_to_the_handler_which_alone_knows_whether_it_is_a_node()
    {
        Assert.That(AccessCommandParser.Parse("access web-1"), Is.EqualTo(new AccessCommand.MissingReason(["web-1"])).Using<AccessCommand>(SameCommand));
        Assert.That(AccessCommandParser.Parse("access frobnicate"), Is.TypeOf<AccessCommand.MissingReason>());
    }

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

    [TestCase("access extend ar-1a2b3c4d for 30m", 30)]
    [TestCase("access extend ar-1a2b3c4d for 2 hours", 120)]
    [TestCase("access extend AR-1A2B3C4D FOR 1h30m", 90)]
    public void Extend_reads_for_as_well_as_by(string text, int minutes)
    {
        Assert.That(AccessCommandParser.Parse(text), Is.EqualTo(new AccessCommand.Extend("ar-1a2b3c4d", TimeSpan.FromMinutes(minutes))));
    }

    [TestCase("access extend")]
    [TestCase("access extend ar-1a2b3c4d by")]
    [TestCase("access extend ar-1a2b3c4d until 5pm")]
    [TestCase("access extend web-1 by 30m")]
    public void Extend_in_any_other_form_is_refused(string text)
    {
        Assert.That(Invalid(text).Message, Is.EqualTo("give a request id and optionally 'for <duration>'."));
    }

    [TestCase("access extend ar-1a2b3c4d by soon", "'soon' is not a duration; use minutes, hours or days, like 30m, 2h, 1h30m or 1d.")]
    [TestCase("access extend ar-1a2b3c4d for 0m", "'0m' is no time at all: ask for at least 1 minute, like 30m or 2h.")]
    public void Extend_with_a_duration_that_does_not_parse_says_why(string text, string message)
    {
        Assert.That(Invalid(text).Message, Is.EqualTo(message));
    }

    [TestCase("access web-1, web-2, dev-box-1 disk full")]
    [TestCase("access web-1 ,web-2 , dev-box-1 disk full")]
    [TestCase("access web-1,web-2,dev-box-1 disk full")]
    [TestCase("access web-1 , web-2,dev-box-1 disk full")]
    public void A_node_list_means_the_same_with_or_without_spaces_around_its_commas(string text)
    {
        var request = Request(text);

        Assert.That(request.Nodes, Is.EqualTo(new[] { "web-1", "web-2", "dev-box-1" }));
        Assert.That(request.Reason, Is.EqualTo("disk full"));
    }

    [Test]
    public void Six_nodes_written_with_spaces_are_still_more_than_five()
    {
        Assert.That(Invalid("access a-1, a-2, a-3, a-4, a-5, a-6 patch").Message, Is.EqualTo("at most 5 nodes per request; you named 6."));
    }

    [TestCase("access web-1 disk full for 0m", "'0m' is no time at all: ask for at least 1 minute, like 30m or 2h.")]
    [TestCase("access web-1 disk full for -1h", "'-1h' is not a duration: durations are positive; use minutes, hours or days, like 30m, 2h, 1h30m or 1d.")]
    [TestCase("access web-1 disk full for 400x", "'400x' is not a duration; use minutes, hours or days, like 30m, 2h, 1h30m or 1d.")]
    [TestCase("access web-1 disk full for 1.5h", "'1.5h' is not a duration: use whole numbers, like 1h30m for an hour and a half.")]
    [TestCase("access web-1 disk full for 90 as readonly", "'90' is not a duration; use minutes, hours or days, like 30m, 2h, 1h30m or 1d.")]
    public void A_duration_that_does_not_parse_is_refused_never_folded_into_the_reason(string text, string message)
    {
        var invalid = Invalid(text);

        Assert.That(invalid.Message, Is.EqualTo(message));
        Assert.That(invalid.Example, Is.EqualTo(AccessCommandParser.RequestExample));
    }

    [TestCase("access web-1 disk full for 2 hours", 120)]
    [TestCase("access web-1 disk full for 90 minutes", 90)]
    [TestCase("access web-1 disk full for 1 day", 1440)]
    [TestCase("access web-1 disk full for 2hours", 120)]
    [TestCase("access web-1 disk full for 45min", 45)]
    public void A_duration_written_in_words_is_read(string text, int minutes)
    {
        var request = Request(text);

        Assert.That((request.Reason, request.Duration), Is.EqualTo(("disk full", (TimeSpan?)TimeSpan.FromMinutes(minutes))));
    }

    [TestCase("access web-1 waiting for deploy", "waiting for deploy")]
    [TestCase("access web-1 paged for the outage", "paged for the outage")]
    [TestCase("access web-1 hotfix for 3 customers", "hotfix for 3 customers")]
    public void A_trailing_for_that_is_no_duration_attempt_stays_in_the_reason(string text, string reason)
    {
        var request = Request(text);

        Assert.That((request.Reason, request.Duration), Is.EqualTo((reason, (TimeSpan?)null)));
    }

    [Test]
    public void Reason_length_is_counted_in_characters_not_utf16_units()
    {
        var emoji = "\U0001F525";
        var at = Request("access web-1 " + string.Concat(Enumerable.Repeat(emoji, 256)));
        var over = Invalid("access web-1 " + string.Concat(Enumerable.Repeat(emoji, 257)));

        Assert.That(at.Reason.Length, Is.EqualTo(512), "256 characters, 512 UTF-16 units, are allowed");
        Assert.That(over.Message, Is.EqualTo("the reason is 257 characters; the limit is 256."));
    }

    [TestCase("access web-1 disk \u202Efull", "the reason holds an invisible text-direction character (U+202E) that can make it read differently than it is; retype it without one.")]
    [TestCase("access web-1 disk \u2066full", "the reason holds an invisible text-direction character (U+2066) that can make it read differently than it is; retype it without one.")]
    [TestCase("access web-1 disk \u001b[31mfull", "the reason holds a control character (U+001B); type plain text.")]
    [TestCase("access web-1 disk\u0007 full", "the reason holds a control character (U+0007); type plain text.")]
    public void A_reason_with_control_or_direction_characters_is_refused(string text, string message)
    {
        Assert.That(Invalid(text).Message, Is.EqualTo(message));
    }

    [Test]
    public void Zero_width_spaces_are_dropped_from_a_reason()
    {
        Assert.That(Request("access web-1 disk\u200B full").Reason, Is.EqualTo("disk full"));
    }

    [TestCase("hello there", "hello")]
    [TestCase("web-1 disk full", "web-1")]
    [TestCase("frobnicate", "frobnicate")]
    public void Text_that_starts_with_neither_access_a_verb_nor_a_node_id_is_not_a_command(string text, string first)
    {
        Assert.That(AccessCommandParser.Parse(text), Is.EqualTo(new AccessCommand.NotACommand(first)));
    }
}
