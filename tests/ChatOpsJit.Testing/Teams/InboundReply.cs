using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>What the host answered an activity the stand-in delivered: the status and the body, parsed when it is JSON.</summary>
public sealed record InboundReply(int Status, JsonNode? Body, string RawBody);
