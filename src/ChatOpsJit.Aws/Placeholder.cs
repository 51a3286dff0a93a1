namespace ChatOpsJit.Aws; internal static class Placeholder { }
