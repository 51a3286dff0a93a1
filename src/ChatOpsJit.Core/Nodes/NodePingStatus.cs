namespace ChatOpsJit.Core.Nodes;

/// <summary>Whether Systems Manager can reach the node now (SSM's <c>PingStatus</c>).</summary>
public enum NodePingStatus
{
    Online,
    ConnectionLost,
    Inactive,
}
