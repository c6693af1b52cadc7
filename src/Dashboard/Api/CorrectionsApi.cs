using System.Security.Claims;
using System.Text.Json.Serialization;
using EmoStream.Dashboard.Hubs;
using EmoStream.Dashboard.Security;
using EmoStream.Sessions;
using EmoStream.Sessions.Corrections;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Api;

/// <summary>
/// <c>POST /api/sessions/{id}/utterances/{index}/corrections</c> (a review token or the ingest token): a person sets an
/// utterance's emotion, or "none of these", stored as feedback and then sent to the session's viewers;
/// <c>GET /api/sessions/{id}/corrections</c> (view): every correction of the session, oldest first.
/// </summary>
public static class CorrectionsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions");
        api.MapPost("/{id}/utterances/{index:int}/corrections", CorrectAsync).RequireAuthorization(AccessPolicies.Review);
        api.MapGet("/{id}/corrections", async (string id, SessionRegistry sessions, CancellationToken ct) =>
            await sessions.Store.GetSessionAsync(id, ct) is null
                ? SessionsApi.NoSession(id)
                : Results.Ok(await sessions.Store.GetCorrectionsAsync(id, ct)))
            .RequireAuthorization(AccessPolicies.View);
    }

    private static async Task<IResult> CorrectAsync(string id, int index, HttpRequest request, ClaimsPrincipal user, SessionRegistry sessions,
        SessionBroadcaster broadcaster, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CorrectionRequest>(request, json, "a correction", ct);
        if (body is null) return problem!;
        // The author is who the token says; the review policy guarantees a name.
        var author = user.Identity?.Name ?? throw new InvalidOperationException("a request allowed to correct carries no author");
        try
        {
            var correction = await sessions.Corrections.CorrectAsync(id, index, body.Emotion, author, ct);
            // Persisted first: a viewer never sees a correction that is not stored.
            await broadcaster.CorrectedAsync(correction);
            return Results.Created($"/api/sessions/{Uri.EscapeDataString(id)}/corrections", correction);
        }
        catch (UnknownUtteranceException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: e.Message);
        }
        catch (CorrectionRefusedException e)
        {
            return SessionsApi.Invalid(e.Field, e.Problem);
        }
    }
}

/// <summary>The body of a correction: <c>{"emotion": "angry"}</c>, or <c>{"emotion": null}</c> for "none of these".</summary>
/// <param name="Emotion">Required, null allowed: a body without it is refused rather than read as "none of these".</param>
public sealed record CorrectionRequest([property: JsonRequired] string? Emotion);
