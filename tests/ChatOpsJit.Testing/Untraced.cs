using System.Diagnostics;
using Microsoft.AspNetCore.Builder;

namespace ChatOpsJit.Testing;

/// <summary>
/// Keeps a stand-in's own requests out of the traces of a host under test in the same process: the host traces every
/// ASP.NET Core app here, while Slack's or a collector's servers are, in production, no part of the app's traces.
/// </summary>
public static class Untraced
{
    public static WebApplication UseUntraced(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (Activity.Current is { } activity)
            {
                activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            }

            return next(context);
        });
        return app;
    }
}
