using EmoStream.Capture.Sources;
using EmoStream.Sessions;
using EmoStream.Transcribe;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Hosting;

/// <summary>Starts a real-time replay of the demo conversation when the host starts, so a newcomer sees results arrive.</summary>
public sealed class DemoReplay(SessionRegistry sessions, IOptions<DemoOptions> demo, IOptions<ReplayOptions> replayOptions, ILogger<DemoReplay> logger)
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
        var replay = replayOptions.Value.With(ReplayPacing.RealTime, options.Speakers, channelPerSpeaker: true);
        var transcriptPath = string.IsNullOrWhiteSpace(options.Transcript) ? null : System.IO.Path.GetFullPath(options.Transcript);
        IReadOnlyList<TranscriptSegment>? transcript = null;
        try
        {
            if (transcriptPath is not null && File.Exists(transcriptPath)) transcript = TranscriptFile.Read(transcriptPath);
        }
        catch (TranscriptFormatException e)
        {
            // A demo is not worth refusing to serve: say what is wrong and let the recogniser give the words.
            logger.LogWarning("Demo:Transcript is not usable ({Problem}); the demo replays with the configured recogniser", e.Message);
        }
        var session = await sessions.StartReplayAsync(path, replay, cancellationToken, transcript: transcript, transcriptName: transcriptPath);
        logger.LogInformation("demo conversation replaying in real time as session {Session}, {Text}", session.Id,
            transcript is null ? "words from the configured recogniser" : "with its own transcript");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
