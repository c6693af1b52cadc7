using EmoStream.Capture.Sources;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Sessions;

/// <summary>Starts a real-time replay of the demo conversation when the host starts, so a newcomer sees results arrive.</summary>
public sealed class DemoReplay(SessionService sessions, IOptions<DemoOptions> demo, IConfiguration configuration, ILogger<DemoReplay> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = demo.Value;
        if (!options.Enabled) return;
        var path = System.IO.Path.GetFullPath(options.Path);
        if (!File.Exists(path))
        {
            logger.LogWarning("Demo:Enabled is true but there is no demo recording at {Path}; run `make setup` to make it", path);
            return;
        }
        var replay = configuration.GetSection(ReplayOptions.SectionName).Get<ReplayOptions>() ?? new ReplayOptions();
        replay.Pacing = ReplayPacing.RealTime;
        replay.ChannelPerSpeaker = true;
        if (options.Speakers.Length > 0) replay.SpeakerNames = options.Speakers;
        var session = await sessions.StartReplayAsync(path, replay, cancellationToken);
        logger.LogInformation("demo conversation replaying in real time as session {Session}", session.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
