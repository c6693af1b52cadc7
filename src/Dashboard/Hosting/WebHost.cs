using System.Text.Json;
using System.Text.Json.Serialization;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Cluster;
using EmoStream.Dashboard.Hubs;
using EmoStream.Dashboard.Notifications;
using EmoStream.Sessions.Configuration;
using EmoStream.Dashboard.Security;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Hosting;

/// <summary>
/// Builds and runs the ASP.NET Core host: the web page (<c>wwwroot/</c>, docs/WEB.md), the REST API, the ingest
/// WebSockets and the SignalR hub over one <see cref="SessionRegistry"/>.
/// </summary>
public static class WebHost
{
    public const string HubPath = "/hubs/sessions";

    /// <summary>Time a shutdown may take to drain running sessions (transcribing what they captured) before it gives up.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Enums travel as camel-case strings (<c>"replay"</c>, <c>"running"</c>) in the API and the hub; clients use the same.</summary>
    public static JsonSerializerOptions UseStringEnums(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    /// <summary>
    /// The tokens requests must carry, judged from the <c>--urls</c> text before anything starts: null on loopback.
    /// The server's own check (<see cref="StartAsync"/>) judges the addresses it actually bound.
    /// </summary>
    /// <exception cref="HostingConfigurationException">Listening beyond loopback without both tokens, or a review token that is empty or not unique.</exception>
    public static SecurityOptions? RequiredTokens(IConfiguration configuration, string urls) =>
        RequiredTokens(Tokens(configuration), urls);

    private static SecurityOptions? RequiredTokens(SecurityOptions tokens, string urls)
    {
        TokenAuthentication.CheckReviewers(tokens); // review tokens name who corrected, on loopback too
        return ListenAddresses.AreLoopback(urls) ? null : TokenAuthentication.Require(tokens, urls);
    }

    private static SecurityOptions Tokens(IConfiguration configuration) =>
        configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();

    /// <param name="sessions">The running sessions and what they share (model loaded once); the caller disposes it after the host.</param>
    /// <exception cref="HostingConfigurationException">Listening beyond loopback without both access tokens, or a review token that is empty or not unique.</exception>
    /// <remarks>Settings are bound once and checked when the host starts (<see cref="OptionsValidationException"/>).</remarks>
    public static WebApplication Build(IConfiguration configuration, string urls, SessionRegistry sessions)
    {
        // Bound once: the --urls check here and the bound-address check of AccessMode judge the same tokens.
        var tokens = Tokens(configuration);
        RequiredTokens(tokens, urls);

        // Uploads a crashed process of this node left (their sessions are marked interrupted when the store opens).
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        UploadNames.DeleteOrphans(storage.DatabasePath);
        var cluster = configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls);
        ConsoleLogging.Use(builder.Logging.ClearProviders(), configuration)
            .AddFilter(HubErrors.DispatcherCategory, LogLevel.None); // HubErrors logs hub call errors instead
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.ConfigureHttpJsonOptions(o => UseStringEnums(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageFullProblem>();
        var signalR = builder.Services.AddSignalR(o => o.AddFilter<HubErrors>()).AddJsonProtocol(o => UseStringEnums(o.PayloadSerializerOptions));
        builder.Services.AddSingleton(sp => new AccessMode(sp.GetRequiredService<IServer>(), tokens));
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(AccessPolicies.Add);
        builder.Services.AddSingleton(sessions.Time);
        builder.Services.AddSessionOptions(configuration);
        builder.Services.AddValidated<DemoOptions>(configuration, DemoOptions.SectionName);
        builder.Services.AddValidated<InputLimits>(configuration, InputLimits.SectionName, o => o.Problem());
        builder.Services.AddSingleton(sessions);
        builder.Services.AddSingleton<SessionListFeed>();
        builder.Services.AddSingleton<SessionBroadcaster>();
        builder.Services.AddSingleton<WallboardFeed>();
        // Before the drain: hosted services stop in reverse order, so alerts of the drain are still sent.
        builder.Services.AddAlertWebhooks(configuration);
        builder.Services.AddHostedService<SessionDrain>();
        builder.Services.AddHostedService<DemoReplay>();
        builder.Services.AddValidated<ClusterOptions>(configuration, ClusterOptions.SectionName, o => o.Problem(storage.Provider));
        if (cluster.Enabled)
        {
            // Several nodes: every group and list message reaches the viewers of every node (docs/SCALING.md).
            signalR.AddStackExchangeRedis(cluster.Redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("emostream:signalr"));
            builder.Services.AddSingleton<RedisCluster>();
            builder.Services.AddSingleton<ISessionCluster>(sp => sp.GetRequiredService<RedisCluster>());
            // Registered after SessionDrain: it stops first, once the sessions drained, and leaves the cluster then.
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisCluster>());
        }
        else
        {
            builder.Services.AddSingleton<ISessionCluster, SingleNode>();
        }
        builder.Services.AddValidated<RetentionOptions>(configuration, RetentionOptions.SectionName, o => o.Problem());
        builder.Services.AddSingleton<RetentionSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());

        var app = builder.Build();
        // The broadcaster hears every session the registry runs while the host lives (the shutdown drain included).
        var broadcast = sessions.Subscribe(app.Services.GetRequiredService<SessionBroadcaster>());
        app.Lifetime.ApplicationStopped.Register(broadcast.Dispose);
        var wallboard = sessions.Subscribe(app.Services.GetRequiredService<WallboardFeed>());
        app.Lifetime.ApplicationStopped.Register(wallboard.Dispose);
        if (app.Services.GetRequiredService<WebhookDispatcher>() is { Enabled: true })
        {
            var notify = sessions.Subscribe(app.Services.GetRequiredService<AlertNotifier>());
            app.Lifetime.ApplicationStopped.Register(notify.Dispose);
        }
        app.UseMiddleware<SecurityHeaders>();
        // Every error answer is problem details: a full disk (503, StorageFullProblem), other unhandled exceptions (500,
        // no server details), empty 4xx/5xx answers.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The page's files are public (it reads a token from its URL): served before authorization. Every routed
        // endpoint names the access it needs (AccessPolicies); one that names none needs the ingest token.
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Revalidate on every load (ETag, 304): after an upgrade the browser never mixes old and new modules.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseMiddleware<RequestOrigins>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWebSockets();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        SessionsApi.Map(app);
        CorrectionsApi.Map(app);
        UiSettingsApi.Map(app);
        ModelsApi.Map(app);
        Webhooks.Map(app);
        app.MapHub<SessionsHub>(HubPath).RequireAuthorization(AccessPolicies.View);
        return app;
    }

    /// <summary>
    /// Starts the host, then checks the addresses it actually bound (<c>--urls</c>, <c>Urls</c> or
    /// <c>Kestrel:Endpoints</c>): beyond loopback without both tokens it stops again and throws. Until this check
    /// has run, requests need tokens (<see cref="AccessMode"/>), so nothing is served unprotected meanwhile.
    /// </summary>
    /// <returns>The addresses the server listens on.</returns>
    /// <exception cref="HostingConfigurationException">Bound beyond loopback without both access tokens.</exception>
    public static async Task<IReadOnlyList<string>> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var mode = app.Services.GetRequiredService<AccessMode>();
        try
        {
            mode.ThrowIfExposedWithoutTokens();
        }
        catch (HostingConfigurationException)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return mode.BoundAddresses;
    }
}
