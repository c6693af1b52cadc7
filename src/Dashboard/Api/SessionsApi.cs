using System.Text.Json;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Audio.Ffmpeg;
using EmoStream.Capture.Network;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Dashboard.Cluster;
using EmoStream.Dashboard.Hubs;
using EmoStream.Dashboard.Security;
using EmoStream.Sessions;
using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Export;
using EmoStream.Sessions.Metrics;
using EmoStream.Sessions.Storage;
using EmoStream.Transcribe;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Api;

/// <summary>The REST API under <c>/api/sessions</c> and the live ingest WebSocket (docs/API.md).</summary>
public static class SessionsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions");
        api.MapGet("/", async (SessionRegistry sessions, CancellationToken ct) => Results.Ok(await sessions.Store.ListSessionsAsync(ct)))
            .RequireAuthorization(AccessPolicies.View);
        api.MapGet("/search", SessionSearch.HandleAsync).RequireAuthorization(AccessPolicies.View);
        api.MapPost("/", CreateLiveAsync).RequireAuthorization(AccessPolicies.Ingest);
        api.MapPost("/replay", UploadAsync).RequireAuthorization(AccessPolicies.Ingest);
        api.MapGet("/{id}", async (string id, SessionRegistry sessions, IOptions<AlertOptions> alerts, CancellationToken ct) =>
            await sessions.Store.GetSessionAsync(id, ct) is { } session
                ? Results.Ok(await DetailAsync(session, sessions, alerts.Value, ct))
                : NoSession(id)).RequireAuthorization(AccessPolicies.View);
        api.MapGet("/{id}/metrics", async (string id, SessionRegistry sessions, IOptions<AlertOptions> alerts, CancellationToken ct) =>
            await sessions.Store.GetSessionAsync(id, ct) is null
                ? NoSession(id)
                : Results.Ok(Metrics(await sessions.Store.GetUtterancesAsync(id, 0, ct), alerts.Value)))
            .RequireAuthorization(AccessPolicies.View);
        api.MapGet("/{id}/metrics.csv", async (string id, SessionRegistry sessions, IOptions<AlertOptions> alerts, CancellationToken ct) =>
            await sessions.Store.GetSessionAsync(id, ct) is null
                ? NoSession(id)
                : Results.File(System.Text.Encoding.UTF8.GetBytes(SessionExport.MetricsCsv(Metrics(await sessions.Store.GetUtterancesAsync(id, 0, ct), alerts.Value))),
                    "text/csv; charset=utf-8", $"session-{id}-metrics.csv"))
            .RequireAuthorization(AccessPolicies.View);
        api.MapGet("/{id}/export.json", async (string id, SessionRegistry sessions, IOptions<AlertOptions> alerts, CancellationToken ct) =>
        {
            if (await sessions.Store.GetSessionAsync(id, ct) is null) return NoSession(id);
            var utterances = await sessions.Corrections.GetUtterancesAsync(id, 0, ct);
            return Results.Text(SessionExport.Document(utterances, Metrics(utterances, alerts.Value)).ToJsonString(), "application/json");
        }).RequireAuthorization(AccessPolicies.View);
        api.MapGet("/{id}/export.csv", async (string id, SessionRegistry sessions, CancellationToken ct) =>
            await sessions.Store.GetSessionAsync(id, ct) is null
                ? NoSession(id)
                : Results.File(System.Text.Encoding.UTF8.GetBytes(SessionExport.Csv(await sessions.Corrections.GetUtterancesAsync(id, 0, ct))),
                    "text/csv; charset=utf-8", $"session-{id}.csv"))
            .RequireAuthorization(AccessPolicies.View);
        api.MapPost("/{id}/stop", StopAsync).RequireAuthorization(AccessPolicies.Ingest);
        api.MapDelete("/{id}", DeleteAsync).RequireAuthorization(AccessPolicies.Ingest);
        api.Map("/{id}/ingest", IngestAsync).RequireAuthorization(AccessPolicies.Ingest);
    }

    /// <remarks>Each utterance with the correction in force; the alerts and metrics are the model's answers'.</remarks>
    private static async Task<SessionDetail> DetailAsync(SessionRecord session, SessionRegistry sessions, AlertOptions alerts, CancellationToken ct)
    {
        var utterances = await sessions.Corrections.GetUtterancesAsync(session.Id, 0, ct);
        return new SessionDetail(session, utterances, AlertHistory.Latest(utterances), Metrics(utterances, alerts));
    }

    /// <summary>Negative runs are runs of the alert rule's emotions.</summary>
    private static CallMetrics Metrics(IReadOnlyList<UtteranceRecord> utterances, AlertOptions alerts) =>
        CallMetricsCalculator.Compute(utterances, alerts.EffectiveEmotions);

    internal static IResult NoSession(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"no session '{id}'");

    private static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>400 naming the field (<c>errors[field]</c>) and saying what was expected.</summary>
    internal static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, detail: $"{field}: {problem}");

    private static async Task<IResult> CreateLiveAsync(HttpRequest request, SessionRegistry sessions, IOptions<JsonOptions> json, IOptions<InputLimits> limits,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateLiveSessionRequest>(request, json, "a live session", ct);
        if (body is null) return problem!;
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
            if (SpeakerNames.Repeated(speakers) is { } twice)
                return Invalid("speakers", $"'{twice}' is named twice; each channel needs its own speaker name");
            rate = stated;
        }
        var session = await sessions.StartLiveAsync(format, rate, speakers, ct, limits.Value.Live, body.ExternalTranscript ?? false);
        var ingest = $"/api/sessions/{session.Id}/ingest";
        return Results.Created($"/api/sessions/{session.Id}", new SessionCreated(session.Session, ingest));
    }

    /// <summary>
    /// Multipart form: <c>file</c> (a recording in any format ffmpeg reads), <c>pacing</c> (<c>realtime</c> or
    /// <c>fast</c>, default fast), <c>speakers</c> (optional, comma-separated: one speaker per channel), <c>transcript</c>
    /// (optional: the recording's transcript, WebVTT, SRT or JSON, used instead of speech recognition).
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext context, SessionRegistry sessions, IOptions<ReplayOptions> replayOptions,
        IOptions<StorageOptions> storageOptions, IOptions<InputLimits> inputLimits, CancellationToken ct)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
            return Invalid("file", $"expected a multipart/form-data upload with a 'file' field, got Content-Type '{request.ContentType}'");
        var limits = inputLimits.Value;
        // The form around the file (boundaries, other fields) is small; the file itself is checked against the limit below.
        var bodyLimit = limits.MaxUploadBytes + FormOverheadBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = bodyLimit;
        if (request.ContentLength > bodyLimit) return UploadTooLarge(limits);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit }, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return UploadTooLarge(limits);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return UploadTooLarge(limits);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Invalid("file", $"the multipart body could not be read ({e.Message})");
        }
        if (form.Files.GetFile("file") is not { } file) return Invalid("file", "missing: attach the recording as the form field 'file'");
        var name = UploadNames.Display(file.FileName);
        if (file.Length == 0) return Invalid("file", $"'{name}' is empty");
        if (file.Length > limits.MaxUploadBytes) return UploadTooLarge(limits);

        var pacing = form["pacing"].ToString();
        ReplayPacing? parsed = pacing.ToLowerInvariant() switch
        {
            "" or "fast" => ReplayPacing.AsFastAsPossible,
            "realtime" => ReplayPacing.RealTime,
            _ => null,
        };
        if (parsed is not { } chosen) return Invalid("pacing", $"expected 'realtime' or 'fast', got '{pacing}'");
        var speakers = form["speakers"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (SpeakerNames.Repeated(speakers) is { } twice)
            return Invalid("speakers", $"'{twice}' is named twice; each channel needs its own speaker name");
        var replay = replayOptions.Value.With(chosen, speakers);
        IReadOnlyList<TranscriptSegment>? transcript = null;
        string? transcriptName = null;
        // A form's empty file input arrives as a part without name or content: no transcript.
        if (form.Files.GetFile("transcript") is { } transcriptFile && !(transcriptFile.Length == 0 && string.IsNullOrEmpty(transcriptFile.FileName)))
        {
            transcriptName = UploadNames.Display(transcriptFile.FileName);
            if (transcriptFile.Length > TranscriptFile.MaxBytes)
                return Invalid("transcript", $"'{transcriptName}' is over the limit of {TranscriptFile.MaxBytes} bytes for a transcript");
            try
            {
                using var reader = new StreamReader(transcriptFile.OpenReadStream());
                transcript = TranscriptFile.Parse(await reader.ReadToEndAsync(ct), transcriptName);
            }
            catch (TranscriptFormatException e)
            {
                return Invalid("transcript", e.Message);
            }
        }

        // Stored under a name of the server's own: the client's file name is only shown (the session's source), never a path.
        var storage = storageOptions.Value;
        var folder = UploadNames.NewFolder(storage.DatabasePath);
        var path = Path.Combine(folder, UploadNames.Stored(file.FileName));
        try
        {
            Directory.CreateDirectory(folder);
            await using (var target = File.Create(path))
                await file.CopyToAsync(target, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            UploadNames.Delete(folder);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
                detail: $"the server could not store '{name}' ({UploadNames.Reason(e, folder)}); try again later");
        }
        try
        {
            // Decoded once, as a stream, before the session exists: a file that is not audio, or too long, is a 400 here instead of a failed session.
            var shape = await FfmpegStream.MeasureAsync(path, name, limits.MaxRecordingDuration, ct);
            if (replay.Diarizes(shape.Channels) && shape.Duration > limits.MaxDiarizedDuration)
            {
                UploadNames.Delete(folder);
                return Invalid("speakers", $"'{name}' is one channel of {RecordingTooLongException.Describe(shape.Duration)} with {replay.SpeakerNames.Length} speakers named: "
                    + $"telling them apart holds the whole recording in memory, allowed up to {RecordingTooLongException.Describe(limits.MaxDiarizedDuration)} "
                    + $"({InputLimits.SectionName}:{nameof(InputLimits.MaxDiarizedDuration)}); name one speaker, or send a recording with a channel per speaker");
            }
        }
        catch (RecordingTooLongException e)
        {
            UploadNames.Delete(folder);
            return Invalid("file", $"'{name}' lasts more than the limit of {RecordingTooLongException.Describe(e.Limit)} ({InputLimits.SectionName}:{nameof(InputLimits.MaxRecordingDuration)})");
        }
        catch (Exception e) when (e is AudioFormatException or AudioToolException or InvalidDataException)
        {
            UploadNames.Delete(folder);
            var reason = e is AudioFormatException format ? format.Problem : e.Message;
            return Invalid("file", $"'{name}' is not a readable recording ({UploadNames.Hide(reason, path, folder, name)})");
        }

        RunningSession session;
        try
        {
            session = await sessions.StartUploadAsync(path, name, replay, limits.MaxRecordingDuration, ct, transcript, transcriptName);
        }
        catch (TranscriptFormatException e)
        {
            UploadNames.Delete(folder);
            return Invalid("transcript", e.Message);
        }
        catch
        {
            UploadNames.Delete(folder);
            throw;
        }
        // The copy is not needed once the session ends.
        _ = session.Pipeline.Completion.ContinueWith(_ => UploadNames.Delete(folder), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return Results.Created($"/api/sessions/{session.Id}", new SessionCreated(session.Session, null));
    }

    /// <summary>Multipart boundaries and the small fields beside the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    private static IResult UploadTooLarge(InputLimits limits) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"over the limit of {limits.MaxUploadBytes} bytes ({InputLimits.SectionName}:{nameof(InputLimits.MaxUploadBytes)})"] },
            detail: $"file: the upload is over the limit of {limits.MaxUploadBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large");

    /// <remarks>A session running on another node is stopped there (<see cref="ISessionCluster"/>).</remarks>
    private static async Task<IResult> StopAsync(string id, SessionRegistry sessions, ISessionCluster cluster, CancellationToken ct)
    {
        if (await sessions.Store.GetSessionAsync(id, ct) is null) return NoSession(id);
        if (await sessions.StopAsync(id) is null && !await cluster.StopElsewhereAsync(id, ct)) return Conflict($"session '{id}' is not running");
        return Results.Ok(await sessions.Store.GetSessionAsync(id, ct));
    }

    private static async Task<IResult> DeleteAsync(string id, SessionRegistry sessions, ISessionCluster cluster, SessionListFeed list, CancellationToken ct)
    {
        // A running session is stopped (and drained) first, on whichever node runs it, so no result is stored after its rows are gone.
        if (await sessions.StopAsync(id) is null) await cluster.StopElsewhereAsync(id, ct);
        if (!await sessions.Store.DeleteSessionAsync(id, ct)) return NoSession(id);
        await list.PublishDeletedAsync(id);
        return Results.NoContent();
    }

    private static async Task<IResult> IngestAsync(HttpContext context, string id, SessionRegistry sessions, ISessionCluster cluster)
    {
        if (!sessions.TryGetRunning(id, out var session))
        {
            if (await sessions.Store.GetSessionAsync(id, context.RequestAborted) is not { } stored) return NoSession(id);
            // Its audio goes to the node that accepted it: say where that is.
            if (stored.Status == SessionStatus.Running && await cluster.NodeAddressAsync(id, context.RequestAborted) is { Length: > 0 } node)
                return Conflict($"session '{id}' runs on another node; connect its ingest to {node}/api/sessions/{id}/ingest");
            return Conflict($"session '{id}' is not running");
        }
        if (!context.WebSockets.IsWebSocketRequest)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                detail: "expected a WebSocket upgrade request (ws:// or wss://)");
        if (session.Session.Kind != SessionKind.Live) return Conflict($"session '{id}' replays a recording; it takes no audio");
        if (!session.TryClaimIngest()) return Conflict($"session '{id}' already has an ingest connection");
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await LiveIngest.RunAsync(socket, session, context.RequestAborted);
        return Results.Empty;
    }
}
