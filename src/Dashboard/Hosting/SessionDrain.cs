using EmoStream.Sessions;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Hosting;

/// <summary>
/// On shutdown, stops every running session and waits until each stored and broadcast what it captured, while
/// viewers are still connected. SignalR closes every connection as soon as <see cref="IHostApplicationLifetime.ApplicationStopping"/>
/// fires, before any hosted service stops, so the drain runs in a callback on that token: callbacks run last
/// registered first (SignalR's connection manager registers when the hub is mapped, before the host starts), and
/// the host's shutdown waits for them.
/// </summary>
public sealed class SessionDrain(SessionRegistry sessions, IHostApplicationLifetime lifetime, IOptions<HostOptions> host,
    ILogger<SessionDrain> logger) : IHostedService
{
    /// <summary>
    /// A broadcast is complete once it is in each connection's output pipe, not on the wire, and SignalR aborts the
    /// connections right after the drain: time for the transports to send the last results and the sessions' ends.
    /// </summary>
    private static readonly TimeSpan FlushGrace = TimeSpan.FromMilliseconds(500);

    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(Drain);
        return Task.CompletedTask;
    }

    private void Drain()
    {
        if (sessions.Running.Count == 0) return;
        // The token's callbacks are synchronous; blocking here is how a shutdown waits for them.
        if (!sessions.StopAllAsync().Wait(host.Value.ShutdownTimeout))
            logger.LogWarning("shutdown: sessions still draining after {Timeout}; viewers get the rest from storage when they join again",
                host.Value.ShutdownTimeout);
        Thread.Sleep(FlushGrace);
    }

    /// <summary>Stops what started during the drain (a request that arrived meanwhile); its viewers are gone by now.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.DisposeAsync().ConfigureAwait(false);
        await sessions.StopAllAsync().ConfigureAwait(false);
    }
}
