using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Notifications;

/// <summary>
/// Delivers alert notifications to the configured webhooks: one bounded queue and one sender per webhook, so a slow
/// or failing receiver delays only its own deliveries and a full queue drops the new delivery (recorded) instead of
/// waiting, so a session never waits on a receiver. Retries with exponential back-off and the per-attempt time-out
/// are the <see cref="ClientName"/> client's resilience pipeline; each finished delivery is logged and kept for the API.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    public const string ClientName = "webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly int _history;
    private readonly Target[] _targets;
    private readonly LinkedList<DeliveryOutcome> _recent = new();

    public WebhookDispatcher(IOptions<NotificationOptions> options, IHttpClientFactory clients, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        _clients = clients;
        _time = time;
        _logger = logger;
        _history = options.Value.History;
        _targets = options.Value.Webhooks.Select(w => new Target(w, Channel.CreateBounded<Queued>(
            new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))).ToArray();
    }

    public bool Enabled => _targets.Length > 0;

    /// <summary>The webhooks' names and how many deliveries wait in each queue.</summary>
    public IReadOnlyList<(string Name, int Queued)> Queues => _targets.Select(t => (t.Hook.DisplayName, t.Queue.Reader.Count)).ToArray();

    /// <summary>Finished deliveries, newest first.</summary>
    public IReadOnlyList<DeliveryOutcome> Recent()
    {
        lock (_recent) return [.. _recent];
    }

    /// <summary>Queues <paramref name="notification"/> for every webhook without waiting; a full queue drops it for that webhook.</summary>
    public void Enqueue(AlertNotification notification)
    {
        var now = _time.GetUtcNow();
        foreach (var target in _targets)
        {
            if (target.Queue.Writer.TryWrite(new Queued(notification, now))) continue;
            Record(new DeliveryOutcome(notification.Id, target.Hook.DisplayName, notification.Event, notification.SessionId, notification.Alert.Number,
                "dropped", 0, null, "the webhook's queue is full (Notifications:QueueCapacity)", now, now));
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(_targets.Select(t => SendAllAsync(t, stoppingToken)));

    private async Task SendAllAsync(Target target, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var queued in target.Queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                Record(await DeliverAsync(target.Hook, queued, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is not delivered (docs/API.md#webhooks).
        }
    }

    private async Task<DeliveryOutcome> DeliverAsync(WebhookTarget hook, Queued queued, CancellationToken cancellationToken)
    {
        var notification = queued.Notification;
        var body = JsonSerializer.SerializeToUtf8Bytes(notification, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, hook.Secret));
        request.Headers.Add("X-EmoStream-Event", notification.Event);
        request.Headers.Add("X-EmoStream-Delivery", notification.Id);
        var attempts = new StrongBox<int>();
        request.Options.Set(WebhookAttempts.Counter, attempts);
        request.Options.Set(WebhookAttempts.Webhook, hook.DisplayName);
        int? status = null;
        string? error = null;
        try
        {
            using var response = await _clients.CreateClient(ClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = $"answered {status} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = e is Polly.Timeout.TimeoutRejectedException ? "no answer within Notifications:AttemptTimeout" : e.Message;
        }
        return new DeliveryOutcome(notification.Id, hook.DisplayName, notification.Event, notification.SessionId, notification.Alert.Number,
            error is null ? "delivered" : "failed", attempts.Value, status, error, queued.QueuedUtc, _time.GetUtcNow());
    }

    private void Record(DeliveryOutcome outcome)
    {
        if (outcome.Outcome == "delivered")
            _logger.LogInformation("webhook {Webhook}: {Event} of alert {Alert} in session {Session} delivered after {Attempts} attempt(s)",
                outcome.Webhook, outcome.Event, outcome.AlertNumber, outcome.SessionId, outcome.Attempts);
        else
            _logger.LogWarning("webhook {Webhook}: {Event} of alert {Alert} in session {Session} {Outcome} after {Attempts} attempt(s): {Error}",
                outcome.Webhook, outcome.Event, outcome.AlertNumber, outcome.SessionId, outcome.Outcome, outcome.Attempts, outcome.Error);
        lock (_recent)
        {
            _recent.AddFirst(outcome);
            while (_recent.Count > _history) _recent.RemoveLast();
        }
    }

    private sealed record Target(WebhookTarget Hook, Channel<Queued> Queue);

    private sealed record Queued(AlertNotification Notification, DateTimeOffset QueuedUtc);
}
