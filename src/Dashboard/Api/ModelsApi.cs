using EmoStream.Dashboard.Security;
using EmoStream.Inference.Model;
using EmoStream.Sessions;
using EmoStream.Sessions.Models;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Api;

/// <summary>
/// <c>GET /api/models</c>: the emotion models the server may score with and which is active; <c>POST /api/models/active</c>
/// (ingest token): makes another one active for new sessions, without a restart; running sessions keep theirs.
/// </summary>
public static class ModelsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models");
        api.MapGet("/", (SessionRegistry sessions) => Results.Ok(List(sessions.Models))).RequireAuthorization(AccessPolicies.View);
        api.MapPost("/active", SwitchAsync).RequireAuthorization(AccessPolicies.Ingest);
    }

    private static ModelList List(ModelSet models)
    {
        var active = models.Active.Id;
        return new ModelList(active, models.Available().Select(e => ModelInfo.From(e, e.Id == active)).ToArray());
    }

    private static async Task<IResult> SwitchAsync(HttpRequest request, SessionRegistry sessions, IOptions<JsonOptions> json, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<SwitchModelRequest>(request, json, "a model switch", ct);
        if (body is null) return problem!;
        if (string.IsNullOrWhiteSpace(body.Model)) return SessionsApi.Invalid("model", "expected a model's file name or id (GET /api/models), got none");
        var previous = sessions.Model.Id;
        try
        {
            var model = await sessions.Models.SwitchAsync(body.Model, ct);
            loggers.CreateLogger(typeof(ModelsApi)).LogInformation("active model {Model} (was {Previous}); running sessions keep theirs", model.Id, previous);
            return Results.Ok(List(sessions.Models));
        }
        catch (UnknownModelException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: e.Message);
        }
        catch (ModelMismatchException e)
        {
            return SessionsApi.Invalid("model", $"refused, the active model stays {previous}: {e.Message}");
        }
    }
}

/// <summary>The body of <c>POST /api/models/active</c>.</summary>
/// <param name="Model">A model's file name (<c>default.emsm</c>) or id.</param>
public sealed record SwitchModelRequest(string? Model);

/// <summary>The answer of <c>GET /api/models</c> and <c>POST /api/models/active</c>.</summary>
/// <param name="Active">The id of the model new sessions start with.</param>
public sealed record ModelList(string Active, IReadOnlyList<ModelInfo> Models);

/// <summary>One model file as the API shows it (never its path on the server).</summary>
/// <param name="Id">Null when the file cannot be read (<paramref name="Problem"/>).</param>
/// <param name="Modalities"><c>audio</c>, <c>text</c> or both.</param>
/// <param name="TestWa">The figures on its training's test groups, fractions; null when it was trained without.</param>
/// <param name="Ece">Expected calibration error after calibration on its held-out groups; null when not calibrated or not measured.</param>
/// <param name="Problem">Why the server cannot switch to it; null when it can (its featurizers are checked when it loads).</param>
public sealed record ModelInfo(string File, string? Id, long Bytes, bool Active, DateTimeOffset? CreatedUtc, IReadOnlyList<string> Classes,
    IReadOnlyList<string> Modalities, string? Corpus, double? TestWa, double? TestUa, double? TestMacroF1, double? Ece, string? Problem)
{
    public static ModelInfo From(ModelEntry entry, bool active)
    {
        var m = entry.Metadata;
        var modalities = m is null ? [] : new[] { m.AcousticFeaturizer is null ? null : "audio", m.LexicalFeaturizer is null ? null : "text" }.OfType<string>().ToArray();
        return new ModelInfo(entry.File, entry.Id, entry.Bytes, active, m?.Training.CreatedUtc, m?.Classes ?? [], modalities, m?.Training.Corpus,
            m?.Training.TestWa, m?.Training.TestUa, m?.Training.TestMacroF1, m?.Calibration?.Ece, entry.Problem);
    }
}
