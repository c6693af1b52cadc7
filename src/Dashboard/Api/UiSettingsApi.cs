using System.Security.Claims;
using EmoStream.Dashboard.Security;
using EmoStream.Sessions;

namespace EmoStream.Dashboard.Api;

/// <summary><c>GET /api/settings/ui</c>: the model's classes, the alert rule (for the page's wording; the server raises the alerts) and whether the caller may correct, for the web page.</summary>
public static class UiSettingsApi
{
    public const string Path = "/api/settings/ui";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (SessionRegistry sessions, ClaimsPrincipal user) =>
            Results.Ok(new UiSettings(sessions.Model.Classes, sessions.Model.Id, sessions.Transcription.Engine,
                new UiAlertRule(sessions.Alerts.ConsecutiveUtterances, sessions.Alerts.EffectiveEmotions),
                user.HasClaim(AccessPolicies.AccessClaim, AccessPolicies.Review))))
            .RequireAuthorization(AccessPolicies.View);
}
