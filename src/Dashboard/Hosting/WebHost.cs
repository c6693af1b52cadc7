using System.Text.Json;
using System.Text.Json.Serialization;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Hubs;
using EmoStream.Sessions.Configuration;
using EmoStream.Dashboard.Security;
using EmoStream.Sessions;
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

    /// <summary>The tokens requests must carry: null on loopback (none needed).</summary>
    /// <exception cref="HostingConfigurationException">Listening beyond loopback without both tokens.</exception>
    public static SecurityOptions? RequiredTokens(IConfiguration configuration, string urls)
    {
        if (ListenAddresses.AreLoopback(urls)) return null;
        var security = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        return TokenAuthentication.Require(security, urls);
    }

    /// <param name="sessions">The running sessions and what they share (model loaded once); the caller disposes it after the host.</param>
    /// <exception cref="HostingConfigurationException">Listening beyond loopback without both access tokens.</exception>
    /// <remarks>Settings are bound once and checked when the host starts (<see cref="OptionsValidationException"/>).</remarks>
    public static WebApplication Build(IConfiguration configuration, string urls, SessionRegistry sessions)
    {
        var security = RequiredTokens(configuration, urls);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls);
        ConsoleLogging.Use(builder.Logging.ClearProviders(), configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.ConfigureHttpJsonOptions(o => UseStringEnums(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddSignalR().AddJsonProtocol(o => UseStringEnums(o.PayloadSerializerOptions));
        builder.Services.AddSingleton(sessions.Time);
        builder.Services.AddSessionOptions(configuration);
        builder.Services.AddValidated<DemoOptions>(configuration, DemoOptions.SectionName);
        builder.Services.AddSingleton(sessions);
        builder.Services.AddSingleton<SessionListFeed>();
        builder.Services.AddSingleton<SessionBroadcaster>();
        builder.Services.AddHostedService<SessionDrain>();
        builder.Services.AddHostedService<DemoReplay>();

        var app = builder.Build();
        // The broadcaster hears every session the registry runs while the host lives (the shutdown drain included).
        var broadcast = sessions.Subscribe(app.Services.GetRequiredService<SessionBroadcaster>());
        app.Lifetime.ApplicationStopped.Register(broadcast.Dispose);
        app.UseStatusCodePages();
        if (security is not null) app.UseMiddleware<TokenAuthentication>(security);
        // The page's files are public (it reads a token from its URL); only /api and /hubs need tokens.
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Revalidate on every load (ETag, 304): after an upgrade the browser never mixes old and new modules.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseWebSockets();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        SessionsApi.Map(app);
        UiSettingsApi.Map(app);
        app.MapHub<SessionsHub>(HubPath);
        return app;
    }
}
