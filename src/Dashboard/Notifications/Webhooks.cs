using EmoStream.Dashboard.Security;
using EmoStream.Sessions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace EmoStream.Dashboard.Notifications;

/// <summary>Alert webhooks in the web host: settings, the resilient HTTP client, the dispatcher and <c>GET /api/notifications/deliveries</c>.</summary>
public static class Webhooks
{
    public static IServiceCollection AddAlertWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidated<NotificationOptions>(configuration, NotificationOptions.SectionName, o => o.Problem());
        services.AddTransient<WebhookAttempts>();
        var client = services.AddHttpClient(WebhookDispatcher.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler("webhook", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<NotificationOptions>>().Value;
                if (options.MaxAttempts > 1)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxAttempts - 1,
                        Delay = options.FirstRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }
                pipeline.AddTimeout(options.AttemptTimeout);
            });
        client.AddHttpMessageHandler<WebhookAttempts>(); // added after, so inside the pipeline: it sees every attempt
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<AlertNotifier>();
        return services;
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/notifications/deliveries", (WebhookDispatcher dispatcher) => Results.Ok(new
        {
            webhooks = dispatcher.Queues.Select(q => new { name = q.Name, queued = q.Queued }),
            deliveries = dispatcher.Recent(),
        })).RequireAuthorization(AccessPolicies.View);
}
