using System.Text.Json;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Network;
using EmoStream.Capture.Sources;
using EmoStream.Dashboard.Security;
using EmoStream.Dashboard.Sessions;
using EmoStream.Dashboard.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Api;

/// <summary>The REST API under <c>/api/sessions</c> and the live ingest WebSocket (docs/API.md).</summary>
public static class SessionsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions");
        api.MapGet("/", async (SessionService sessions, CancellationToken ct) => Results.Ok(await sessions.Store.ListSessionsAsync(ct)))
            .RequireAuthorization(AccessPolicies.View);
        api.MapPost("/", CreateLiveAsync).RequireAuthorization(AccessPolicies.Ingest);
        api.MapPost("/replay", UploadAsync).RequireAuthorization(AccessPolicies.Ingest);
        api.MapGet("/{id}", async (string id, SessionService sessions, CancellationToken ct) =>
            await sessions.Store.GetSessionAsync(id, ct) is { } session
                ? Results.Ok(new SessionDetail(session, await sessions.Store.GetUtterancesAsync(id, 0, ct)))
                : NoSession(id)).RequireAuthorization(AccessPolicies.View);
        api.MapGet("/{id}/export.json", async (string id, SessionService sessions, CancellationToken ct) =>
            await sessions.Store.GetSessionAsync(id, ct) is null
                ? NoSession(id)
                : Results.Text(SessionExport.Json(await sessions.Store.GetUtterancesAsync(id, 0, ct)).ToJsonString(), "application/json"))
            .RequireAuthorization(AccessPolicies.View);
        api.MapGet("/{id}/export.csv", async (string id, SessionService sessions, CancellationToken ct) =>
            await sessions.Store.GetSessionAsync(id, ct) is null
                ? NoSession(id)
                : Results.File(System.Text.Encoding.UTF8.GetBytes(SessionExport.Csv(await sessions.Store.GetUtterancesAsync(id, 0, ct))),
                    "text/csv; charset=utf-8", $"session-{id}.csv"))
            .RequireAuthorization(AccessPolicies.View);
        api.MapPost("/{id}/stop", StopAsync).RequireAuthorization(AccessPolicies.Ingest);
        api.MapDelete("/{id}", DeleteAsync).RequireAuthorization(AccessPolicies.Ingest);
        api.Map("/{id}/ingest", IngestAsync).RequireAuthorization(AccessPolicies.Ingest);
    }

    private static IResult NoSession(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"no session '{id}'");

    private static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>400 naming the field (<c>errors[field]</c>) and saying what was expected.</summary>
    internal static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, detail: $"{field}: {problem}");

    private static async Task<IResult> CreateLiveAsync(HttpRequest request, SessionService sessions, IOptions<JsonOptions> json, CancellationToken ct)
    {
        CreateLiveSessionRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<CreateLiveSessionRequest>(json.Value.SerializerOptions, ct);
        }
        catch (JsonException e)
        {
            return Invalid(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), $"not valid JSON for a live session ({e.Message})");
        }
        catch (InvalidOperationException)
        {
            return Invalid("body", $"expected a JSON object (Content-Type: application/json), got Content-Type '{request.ContentType}'");
        }
        if (body is null) return Invalid("body", "expected a JSON object, got null");
        LiveFormat? parsed = body.Format?.ToLowerInvariant() switch
        {
            "pcm16" => LiveFormat.Pcm16,
            "telephony" => LiveFormat.Telephony,
            _ => null,
        };
        if (parsed is not { } format) return Invalid("format", $"expected 'pcm16' or 'telephony', got '{body.Format}'");

        var speakers = body.Speakers ?? ["speaker"];
        var rate = 0;
        if (format == LiveFormat.Pcm16)
        {
            if (body.SampleRate is not { } stated) return Invalid("sampleRate", "required for pcm16: the rate the client sends at, in Hz");
            if (stated is < Pcm16StreamParser.MinimumRate or > Pcm16StreamParser.MaximumRate)
                return Invalid("sampleRate", $"expected {Pcm16StreamParser.MinimumRate} to {Pcm16StreamParser.MaximumRate} Hz, got {stated}");
            if (speakers.Length is 0 or > 8 || speakers.Any(string.IsNullOrWhiteSpace))
                return Invalid("speakers", $"expected 1 to 8 non-empty names (one per channel), got [{string.Join(", ", speakers)}]");
            rate = stated;
        }
        var session = await sessions.StartLiveAsync(format, rate, speakers, ct);
        var ingest = $"/api/sessions/{session.Id}/ingest";
        return Results.Created($"/api/sessions/{session.Id}", new SessionCreated(session.Pipeline.Session, ingest));
    }

    /// <summary>
    /// Multipart form: <c>file</c> (a recording in any format ffmpeg reads), <c>pacing</c> (<c>realtime</c> or
    /// <c>fast</c>, default fast), <c>speakers</c> (optional, comma-separated: one speaker per channel).
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpRequest request, SessionService sessions, IConfiguration configuration, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Invalid("file", $"expected a multipart/form-data upload with a 'file' field, got Content-Type '{request.ContentType}'");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Invalid("file", $"the multipart body could not be read ({e.Message})");
        }
        if (form.Files.GetFile("file") is not { } file) return Invalid("file", "missing: attach the recording as the form field 'file'");
        if (file.Length == 0) return Invalid("file", $"'{file.FileName}' is empty");

        var replay = configuration.GetSection(ReplayOptions.SectionName).Get<ReplayOptions>() ?? new ReplayOptions();
        var pacing = form["pacing"].ToString();
        switch (pacing.ToLowerInvariant())
        {
            case "" or "fast":
                replay.Pacing = ReplayPacing.AsFastAsPossible;
                break;
            case "realtime":
                replay.Pacing = ReplayPacing.RealTime;
                break;
            default:
                return Invalid("pacing", $"expected 'realtime' or 'fast', got '{pacing}'");
        }
        var speakers = form["speakers"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (speakers.Length > 0)
        {
            replay.ChannelPerSpeaker = true;
            replay.SpeakerNames = speakers;
        }

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        // A folder per upload keeps the client's file name, which the session records as its source.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(storage.DatabasePath)!, "uploads", Guid.NewGuid().ToString("N"))).FullName;
        var path = Path.Combine(folder, Path.GetFileName(file.FileName) is { Length: > 0 } name ? name : "upload");
        await using (var target = File.Create(path))
            await file.CopyToAsync(target, ct);
        try
        {
            // Decode once before the session exists, so a file that is not audio is a 400 here instead of a failed session.
            await Task.Run(() => AudioFileReader.Default.Read(path, ct), ct);
        }
        catch (Exception e) when (e is AudioFormatException or AudioToolException or InvalidDataException)
        {
            Directory.Delete(folder, recursive: true);
            return Invalid("file", $"'{file.FileName}' is not a readable recording ({e.Message})");
        }

        var session = await sessions.StartReplayAsync(path, replay, ct);
        // The source decodes the whole file when it starts; the copy is not needed once the session ends.
        _ = session.Pipeline.Completion.ContinueWith(_ => Directory.Delete(folder, recursive: true), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return Results.Created($"/api/sessions/{session.Id}", new SessionCreated(session.Pipeline.Session, null));
    }

    private static async Task<IResult> StopAsync(string id, SessionService sessions, CancellationToken ct)
    {
        if (await sessions.Store.GetSessionAsync(id, ct) is null) return NoSession(id);
        if (await sessions.StopAsync(id) is null) return Conflict($"session '{id}' is not running");
        return Results.Ok(await sessions.Store.GetSessionAsync(id, ct));
    }

    private static async Task<IResult> DeleteAsync(string id, SessionService sessions, SessionListFeed list, CancellationToken ct)
    {
        // A running session is stopped (and drained) first, so no result is stored after its rows are gone.
        await sessions.StopAsync(id);
        if (!await sessions.Store.DeleteSessionAsync(id, ct)) return NoSession(id);
        await list.PublishDeletedAsync(id);
        return Results.NoContent();
    }

    private static async Task<IResult> IngestAsync(HttpContext context, string id, SessionService sessions)
    {
        if (!sessions.TryGetRunning(id, out var session))
            return await sessions.Store.GetSessionAsync(id, context.RequestAborted) is null ? NoSession(id) : Conflict($"session '{id}' is not running");
        if (!context.WebSockets.IsWebSocketRequest)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                detail: "expected a WebSocket upgrade request (ws:// or wss://)");
        if (session.Pipeline.Session.Kind != SessionKind.Live) return Conflict($"session '{id}' replays a recording; it takes no audio");
        if (!session.TryClaimIngest()) return Conflict($"session '{id}' already has an ingest connection");
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await LiveIngest.RunAsync(socket, session, context.RequestAborted);
        return Results.Empty;
    }
}
