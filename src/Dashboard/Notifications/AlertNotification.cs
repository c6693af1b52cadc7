using EmoStream.Sessions.Alerts;

namespace EmoStream.Dashboard.Notifications;

/// <summary>
/// The JSON body a webhook receives: an alert raised, extended or ended by one utterance of one session.
/// <see cref="Id"/> is the same across retries, so a receiver can drop a repeat.
/// </summary>
/// <param name="Event"><c>alert.raised</c>, <c>alert.extended</c> or <c>alert.ended</c>.</param>
/// <param name="UtteranceIndex">The utterance that changed the alert.</param>
public sealed record AlertNotification(string Id, string Event, string SessionId, string Source, int UtteranceIndex, AlertRecord Alert, DateTimeOffset CreatedUtc)
{
    public const string Raised = "alert.raised";
    public const string Extended = "alert.extended";
    public const string Ended = "alert.ended";

    /// <summary>Which change <paramref name="alert"/> is, as it stands after utterance <paramref name="index"/>, under a rule of <paramref name="consecutive"/> utterances.</summary>
    public static string EventOf(AlertRecord alert, int index, int consecutive) =>
        !alert.Ongoing ? Ended : alert.Length == consecutive && alert.ToIndex == index ? Raised : Extended;
}

/// <summary>What became of one delivery to one webhook (<c>GET /api/notifications/deliveries</c>).</summary>
/// <param name="Outcome"><c>delivered</c> (a 2xx answer), <c>failed</c> (every attempt failed, or a non-retryable answer) or <c>dropped</c> (the webhook's queue was full).</param>
/// <param name="StatusCode">The last answer's HTTP status; null when none came.</param>
/// <param name="Error">Why the last attempt failed, when it did.</param>
public sealed record DeliveryOutcome(
    string NotificationId,
    string Webhook,
    string Event,
    string SessionId,
    int AlertNumber,
    string Outcome,
    int Attempts,
    int? StatusCode,
    string? Error,
    DateTimeOffset QueuedUtc,
    DateTimeOffset FinishedUtc);
