namespace EmoStream.Dashboard.Sessions;

/// <summary>
/// On shutdown, stops every running session and waits until each stored and broadcast what it captured. Registered
/// after the web server, so it stops first, while viewers are still connected.
/// </summary>
public sealed class SessionDrain(SessionService sessions) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => sessions.StopAllAsync();
}
