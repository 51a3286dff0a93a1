namespace ChatOpsJit.Cli.Commands;

/// <summary>The top-level help text of the chatopsjit command line.</summary>
internal static class Usage
{
    public const int BadInput = 1;

    public static int Print(TextWriter error)
    {
        error.WriteLine("""
            usage: chatopsjit <command> [options]

              policy authorize --policies FILE --entities FILE --principal UID --action UID --resource UID [--context FILE]
              policy authorize --policies FILE --batch FILE.jsonl
              policy validate DIR
              policy explain --dir DIR --directory FILE --nodes FILE --user EMAIL --node ID
              requests list [--state STATE] [--db FILE | --connection-string CS]
              audit verify [--db FILE | --connection-string CS] [--key-file FILE] [--anchor-file FILE] [--requests]
              audit export [--since TIME|DURATION] [--after SEQ] [--db FILE | --connection-string CS]
              audit rotate-key [--db FILE | --connection-string CS | --key-file FILE]
            """);
        return BadInput;
    }
}
