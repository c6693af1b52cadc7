using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmoStream.Dashboard.Notifications;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;

namespace EmoStream.Dashboard.Tests.Notifications;

/// <summary>Alerts delivered to real local receivers: signed, retried with back-off, outcomes in the API, never holding a session up.</summary>
public sealed class WebhookTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const string Secret = "a-test-secret-of-some-length";
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-webhooks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Every emotion counts and two in a row raise an alert: one mixed channel raises alert 1 at its second utterance and extends it after.</summary>
    private static readonly (string, string)[] AlertOnEveryUtterance =
    [
        ("Dashboard:Alerts:ConsecutiveUtterances", "2"), ("Dashboard:Alerts:Emotions:0", "happy"), ("Dashboard:Alerts:Emotions:1", "neutral"),
        ("Dashboard:Alerts:Emotions:2", "angry"), ("Dashboard:Alerts:Emotions:3", "sad"),
    ];

    [Fact]
    public void The_signature_is_the_HMAC_SHA256_of_the_body_under_the_secret()
    {
        // RFC 4231-style known answer (key "key", the pangram).
        var body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", WebhookSignature.Sign(body, "key"));
        Assert.True(WebhookSignature.Verify(body, "key", "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"));
        Assert.False(WebhookSignature.Verify(body, "other", "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"));
    }

    [Fact]
    public async Task Alerts_reach_a_receiver_that_fails_then_recovers_signed_and_once_each_and_one_that_stays_down_is_reported_failed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // "flaky" answers 503 twice, then 200 for good; "down" always 500.
        receiver.Answer = (path, n) => Task.FromResult(path == "down" ? 500 : n <= 2 ? 503 : 200);
        await using var server = await DashboardServer.StartAsync(settings:
        [
            .. AlertOnEveryUtterance,
            ("Notifications:Webhooks:0:Name", "flaky"), ("Notifications:Webhooks:0:Url", receiver.Url("flaky")), ("Notifications:Webhooks:0:Secret", Secret),
            ("Notifications:Webhooks:1:Name", "down"), ("Notifications:Webhooks:1:Url", receiver.Url("down")), ("Notifications:Webhooks:1:Secret", Secret),
            ("Notifications:MaxAttempts", "4"), ("Notifications:FirstRetryDelay", "00:00:00.05"),
        ]);
        var id = await server.UploadSessionAsync(Conversations.Write(_dir, "call.wav", turns: 4), "fast");
        Assert.Equal(SessionStatus.Completed, (await server.EndedAsync(id, Timeout)).Status);
        var changes = (await server.GetAsync(id)).Utterances.Where(u => u.Alert is not null).ToArray();
        Assert.NotEmpty(changes);

        var outcomes = await DeliveriesAsync(server, 2 * changes.Length);
        var flaky = outcomes.Where(o => o.Webhook == "flaky").OrderBy(o => o.QueuedUtc).ToArray();
        Assert.Equal(changes.Length, flaky.Length);
        Assert.All(flaky, o => Assert.Equal(("delivered", 200, id), (o.Outcome, o.StatusCode!.Value, o.SessionId)));
        Assert.Equal([3, .. Enumerable.Repeat(1, changes.Length - 1)], flaky.Select(o => o.Attempts)); // two 503s, then recovered
        var down = outcomes.Where(o => o.Webhook == "down").ToArray();
        Assert.All(down, o => Assert.Equal(("failed", 4, 500), (o.Outcome, o.Attempts, o.StatusCode!.Value)));
        Assert.All(down, o => Assert.Contains("500", o.Error));

        // What the receiver got: each body signed with the secret, the same delivery id (and body) on every retry, one per alert change, in order.
        var received = receiver.Requests.Where(r => r.Path == "flaky").ToArray();
        Assert.Equal(changes.Length + 2, received.Length);
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(r.Body, Secret, r.Headers[WebhookSignature.Header]), "signature"));
        Assert.All(received, r => Assert.False(WebhookSignature.Verify(r.Body, "not-the-secret-at-all", r.Headers[WebhookSignature.Header])));
        Assert.Single(received.Take(3).Select(r => Convert.ToBase64String(r.Body)).Distinct());
        var bodies = received.Skip(2).Select(r => JsonSerializer.Deserialize<AlertNotification>(r.Body, DashboardServer.Json)!).ToArray();
        Assert.Equal(changes.Select(u => u.Index), bodies.Select(b => b.UtteranceIndex));
        Assert.Equal(changes.Select(u => u.Alert), bodies.Select(b => b.Alert));
        Assert.Equal([AlertNotification.Raised, .. Enumerable.Repeat(AlertNotification.Extended, changes.Length - 1)], bodies.Select(b => b.Event));
        Assert.All(bodies, b => Assert.Equal(id, b.SessionId));
        Assert.Equal(bodies.Select(b => b.Event), received.Skip(2).Select(r => r.Headers["X-EmoStream-Event"]));
        Assert.Equal(changes.Length, bodies.Select(b => b.Id).Distinct().Count());
        Assert.Equal(4 * changes.Length, receiver.Requests.Count(r => r.Path == "down"));
    }

    [Fact]
    public async Task A_receiver_that_hangs_never_holds_a_session_up_its_full_queue_drops_deliveries_and_says_so()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer = (_, _) => release.Task;
        try
        {
            await using var server = await DashboardServer.StartAsync(settings:
            [
                .. AlertOnEveryUtterance,
                ("Notifications:Webhooks:0:Url", receiver.Url("hangs")), ("Notifications:Webhooks:0:Secret", Secret),
                ("Notifications:QueueCapacity", "1"), ("Notifications:AttemptTimeout", "00:05:00"),
            ]);
            var id = await server.UploadSessionAsync(Conversations.Write(_dir, "call.wav", turns: 6), "fast");
            Assert.Equal(SessionStatus.Completed, (await server.EndedAsync(id, Timeout)).Status);
            var changes = (await server.GetAsync(id)).Utterances.Count(u => u.Alert is not null);
            Assert.True(changes >= 3, $"{changes} alert changes");

            // One in flight (hanging), one queued, the rest dropped while the session went on.
            var outcomes = await DeliveriesAsync(server, changes - 2);
            Assert.All(outcomes, o => Assert.Equal(("dropped", 0, $"127.0.0.1:{receiver.Address.Port}"), (o.Outcome, o.Attempts, o.Webhook)));
            Assert.Contains("Notifications:QueueCapacity", outcomes[0].Error);
        }
        finally
        {
            release.TrySetResult(200);
        }
    }

    [Fact]
    public async Task A_webhook_with_a_short_secret_stops_the_server_from_starting_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => DashboardServer.StartAsync(settings:
            [("Notifications:Webhooks:0:Url", "http://127.0.0.1:9/hook"), ("Notifications:Webhooks:0:Secret", "short")]));
        Assert.Contains("Notifications:Webhooks:0:Secret is 5 characters; expected 16 characters or more", error.Message);
    }

    /// <summary>Polls the API until it lists <paramref name="count"/> finished deliveries.</summary>
    private static async Task<DeliveryOutcome[]> DeliveriesAsync(DashboardServer server, int count)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var answer = await server.Http.GetFromJsonAsync<DeliveriesAnswer>("/api/notifications/deliveries", DashboardServer.Json, cts.Token);
            if (answer!.Deliveries.Length >= count) return answer.Deliveries;
            await Task.Delay(50, cts.Token);
        }
    }

    private sealed record DeliveriesAnswer(DeliveryOutcome[] Deliveries);
}
