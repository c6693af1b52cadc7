using EmoStream.Sessions;
using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Notifications;

/// <summary>Hears each stored utterance of every session and hands the alert it raised, extended or ended to the webhooks' queues (never waiting on them).</summary>
public sealed class AlertNotifier(WebhookDispatcher dispatcher, IOptions<AlertOptions> rule, TimeProvider time) : ISessionObserver
{
    public Task StartedAsync(RunningSession session) => Task.CompletedTask;

    public Task UtteranceAsync(RunningSession session, UtteranceRecord utterance)
    {
        if (utterance.Alert is { } alert)
            dispatcher.Enqueue(new AlertNotification(Guid.NewGuid().ToString("N"), AlertNotification.EventOf(alert, utterance.Index, rule.Value.ConsecutiveUtterances),
                session.Id, session.Session.Source, utterance.Index, alert, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task EndedAsync(RunningSession session, SessionOutcome outcome) => Task.CompletedTask;
}
