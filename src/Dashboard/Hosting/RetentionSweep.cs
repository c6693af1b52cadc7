using EmoStream.Dashboard.Hubs;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Hosting;

/// <summary>
/// Applies <c>Storage:Retention</c> at start-up and every <see cref="RetentionOptions.Interval"/>: first the audio of
/// sessions older than <see cref="RetentionOptions.AudioDays"/>, then sessions older than <see cref="RetentionOptions.Days"/>
/// (viewers of the session list see them go). Sessions still running are never touched.
/// </summary>
public sealed class RetentionSweep(SessionRegistry sessions, SessionListFeed list, IOptions<RetentionOptions> options, TimeProvider time,
    ILogger<RetentionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await SweepAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "retention: the sweep failed; it runs again in {Interval}", options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One sweep as of <paramref name="now"/>; returns how many sessions and utterances' audio it deleted.</summary>
    public async Task<(int Sessions, int Audio)> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var audio = 0;
        if (settings.AudioDays > 0)
        {
            try
            {
                audio = await sessions.Store.DeleteAudioAsync(now.AddDays(-settings.AudioDays), cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException e)
            {
                logger.LogWarning("retention: {Setting} is set but {Reason}; audio goes with its session", $"{RetentionOptions.SectionName}:AudioDays", e.Message);
            }
        }
        var deleted = 0;
        if (settings.Days > 0)
        {
            SessionStatus[] ended = [.. Enum.GetValues<SessionStatus>().Where(s => s != SessionStatus.Running)];
            var old = await sessions.Store.QueryAsync(new SessionQuery(ended, To: now.AddDays(-settings.Days), Limit: int.MaxValue), cancellationToken).ConfigureAwait(false);
            foreach (var session in old.Sessions)
            {
                if (sessions.TryGetRunning(session.Id, out _) || !await sessions.Store.DeleteSessionAsync(session.Id, cancellationToken).ConfigureAwait(false)) continue;
                deleted++;
                await list.PublishDeletedAsync(session.Id).ConfigureAwait(false);
            }
        }
        if (deleted > 0 || audio > 0)
            logger.LogInformation("retention: deleted {Sessions} session(s) older than {Days} day(s) and the audio of {Utterances} utterance(s) older than {AudioDays} day(s)",
                deleted, settings.Days, audio, settings.AudioDays);
        return (deleted, audio);
    }
}
