using System.Runtime.CompilerServices;

namespace EmoStream.Dashboard.Notifications;

/// <summary>
/// Inside the retry pipeline, so it sees every attempt: counts them for the delivery's outcome and logs each failed one.
/// </summary>
public sealed class WebhookAttempts(ILogger<WebhookAttempts> logger) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<StrongBox<int>> Counter = new("emostream.attempts");
    public static readonly HttpRequestOptionsKey<string> Webhook = new("emostream.webhook");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = request.Options.TryGetValue(Counter, out var counter) ? ++counter.Value : 0;
        request.Options.TryGetValue(Webhook, out var name);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                logger.LogInformation("webhook {Webhook}: attempt {Attempt} answered {Status}", name, attempt, (int)response.StatusCode);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            logger.LogInformation("webhook {Webhook}: attempt {Attempt} failed: {Error}", name, attempt, e.Message);
            throw;
        }
    }
}
