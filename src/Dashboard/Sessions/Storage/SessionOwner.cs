using System.Diagnostics;
using System.Globalization;

namespace EmoStream.Sessions.Storage;

/// <summary>
/// The process that runs a session: this node (machine name), its process id and start time, recorded with each
/// session it creates. A session still <c>running</c> whose owner is a process of this node that no longer runs
/// was left by a crash (kill -9, power loss): a node that starts marks those <see cref="SessionStatus.Interrupted"/>.
/// </summary>
public sealed record SessionOwner(string Node, int ProcessId, long StartedTicks)
{
    public static SessionOwner Current { get; } = Create();

    public string Token => string.Create(CultureInfo.InvariantCulture, $"{Node}/{ProcessId}/{StartedTicks}");

    public static SessionOwner? Parse(string? token) =>
        token?.Split('/') is [var node, var pid, var ticks]
        && int.TryParse(pid, CultureInfo.InvariantCulture, out var id) && long.TryParse(ticks, CultureInfo.InvariantCulture, out var started)
            ? new SessionOwner(node, id, started)
            : null;

    /// <summary>True for a process of this node that has ended (its id is gone, or now names a process started at another time).</summary>
    public bool HasEndedOnThisNode()
    {
        if (Node != Current.Node) return false;
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return Math.Abs(process.StartTime.ToUniversalTime().Ticks - StartedTicks) > TimeSpan.TicksPerSecond;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return true;
        }
    }

    private static SessionOwner Create()
    {
        using var self = Process.GetCurrentProcess();
        return new SessionOwner(Environment.MachineName, Environment.ProcessId, self.StartTime.ToUniversalTime().Ticks);
    }
}
