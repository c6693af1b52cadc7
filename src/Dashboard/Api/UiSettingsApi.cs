using EmoStream.Dashboard.Security;
using EmoStream.Sessions;

namespace EmoStream.Dashboard.Api;

/// <summary><c>GET /api/settings/ui</c>: the model's classes and the alert rule (for the page's wording; the server raises the alerts), for the web page.</summary>
public static class UiSettingsApi
{
    public const string Path = "/api/settings/ui";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (SessionRegistry sessions) =>
            Results.Ok(new UiSettings(sessions.Model.Classes, sessions.Model.Id, sessions.Transcription.Engine,
                new UiAlertRule(sessions.Alerts.ConsecutiveUtterances, sessions.Alerts.EffectiveEmotions))))
            .RequireAuthorization(AccessPolicies.View);
}
