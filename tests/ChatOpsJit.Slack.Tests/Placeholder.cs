namespace ChatOpsJit.Slack.Tests;
