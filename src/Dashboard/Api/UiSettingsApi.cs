using EmoStream.Dashboard.Alerts;
using EmoStream.Dashboard.Pipeline;
using EmoStream.Dashboard.Security;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Api;

/// <summary><c>GET /api/settings/ui</c>: the model's classes and the alert rule, for the web page.</summary>
public static class UiSettingsApi
{
    public const string Path = "/api/settings/ui";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (PipelineHost pipelines, IOptions<AlertOptions> alerts) =>
            Results.Ok(new UiSettings(pipelines.Model.Classes, pipelines.Model.Id, pipelines.Transcription.Engine, alerts.Value)))
            .RequireAuthorization(AccessPolicies.View);
}
