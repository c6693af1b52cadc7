using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using EmoStream.Bench;
using EmoStream.Capture.Audio;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Hosting;
using EmoStream.Dashboard.Hubs;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Dashboard.Bench;

/// <summary>
/// Many sessions for a bounded time, round after round, through the real web host on loopback and its public
/// interfaces only: per round, N live PCM16 sessions streamed over the ingest WebSocket and N uploaded replays, each
/// watched by a SignalR viewer, all ended and stored. After each round (full garbage collection) it prints what the
/// process holds: managed heap, resident memory (anonymous and file pages), glibc malloc's bytes in use and kept
/// free (<see cref="NativeHeap"/>), open file descriptors, threads. Flat columns mean nothing leaks per session.
/// </summary>
public sealed class SoakBenchmark : IBenchmark
{
    public string Name => "soak";

    public string Description =>
        "MODEL WAV [ROUNDS] [SESSIONS] [SECONDS] [trim]: ROUNDS rounds (default 10) of SESSIONS live + SESSIONS uploaded sessions (default 8) " +
        "of SECONDS of WAV (default 10), each watched; prints heap, RSS (anonymous, file), malloc's bytes in use and free, file descriptors " +
        "and threads after each round; with trim, malloc_trim runs before each measure";

    public void Run(IReadOnlyList<string> args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(IReadOnlyList<string> args)
    {
        var rounds = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var sessions = args.Count > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8;
        var seconds = args.Count > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 10;
        var trim = args.Count > 5 && args[5] == "trim";
        using var run = LatencyRun.Parse([args[0], args[1], "none", "1"]);
        var mono = AudioFileReader.Default.Read16kMono(run.Wav);
        var samples = mono.AsSpan(0, Math.Min(mono.Length, (int)(seconds * SpeechAudio.SampleRate))).ToArray();
        var pcm = Pcm16(samples);
        var upload = Path.Combine(run.DataDirectory, "upload.wav");
        File.WriteAllBytes(upload, Wav(pcm));

        await using var pipelines = await SessionRegistry.CreateAsync(run.Configuration(), run.Model, NullLoggerFactory.Instance);
        await using var app = WebHost.Build(run.Configuration(), "http://127.0.0.1:0", pipelines);
        var address = new Uri((await WebHost.StartAsync(app))[0]);
        using var http = new HttpClient { BaseAddress = address };
        Console.WriteLine($"{rounds} rounds of {sessions} live + {sessions} uploaded sessions of {samples.Length / 16000.0:F1} s, each with a viewer; engine none");
        Console.WriteLine("| round | wall s | sessions ended | utterances stored | heap MB | GC committed MB | RSS MB | anon MB | file MB | malloc in use MB | malloc free MB | fds | threads |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(Row(0, 0, 0, 0, trim));
        var totalUtterances = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var ended = await Task.WhenAll(Enumerable.Range(0, sessions).SelectMany(_ => new[] { LiveAsync(http, address, pcm), UploadAsync(http, address, upload) }));
            var stored = 0;
            foreach (var id in ended) stored += (await pipelines.Store.GetUtterancesAsync(id)).Count;
            totalUtterances += stored;
            Console.WriteLine(Row(round, clock.Elapsed.TotalSeconds, ended.Length, stored, trim));
        }
        Console.WriteLine($"{totalUtterances} utterances stored in all");
    }

    /// <param name="trim">Whether malloc gives its free pages back first (<see cref="NativeHeap.Trim"/>): what of resident memory is only kept.</param>
    private static string Row(int round, double wall, int ended, int utterances, bool trim)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (trim) NativeHeap.Trim();
        using var self = Process.GetCurrentProcess();
        var fds = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        var native = NativeHeap.Take();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {round} | {wall:F1} | {ended} | {utterances} | {GC.GetTotalMemory(false) / 1e6:F1} | {GC.GetGCMemoryInfo().TotalCommittedBytes / 1e6:F0} | {self.WorkingSet64 / 1e6:F0} | " +
            $"{native.AnonBytes / 1e6:F0} | {native.FileBytes / 1e6:F0} | {native.MallocInUseBytes / 1e6:F1} | {native.MallocFreeBytes / 1e6:F1} | {fds} | {self.Threads.Count} |");
    }

    /// <summary>A live session: created, watched, fed 100 ms messages a little faster than real time, closed; returns its id once ended.</summary>
    private static async Task<string> LiveAsync(HttpClient http, Uri address, byte[] pcm)
    {
        using var created = await http.PostAsJsonAsync("/api/sessions", new { format = "pcm16", sampleRate = 16000, speakers = new[] { "caller" } });
        var id = (await created.Content.ReadFromJsonAsync<SessionCreated>(Json()))!.Session.Id;
        await using var viewer = await WatchAsync(address, id);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/api/sessions/{id}/ingest"), CancellationToken.None);
        for (var at = 0; at < pcm.Length; at += 3200)
        {
            await socket.SendAsync(pcm.AsMemory(at, Math.Min(3200, pcm.Length - at)), WebSocketMessageType.Binary, true, CancellationToken.None);
            await Task.Delay(20); // 5x real time: well within Limits:LiveMaxLead for short recordings
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        await viewer.Ended.Task;
        return id;
    }

    private static async Task<string> UploadAsync(HttpClient http, Uri address, string wav)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(wav)), "file", "soak.wav" }, { new StringContent("fast"), "pacing" } };
        using var response = await http.PostAsync("/api/sessions/replay", form);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<SessionCreated>(Json()))!.Session.Id;
        await using var viewer = await WatchAsync(address, id);
        await viewer.Ended.Task;
        return id;
    }

    private sealed class Viewer(HubConnection connection) : IAsyncDisposable
    {
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HubConnection Connection => connection;

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    private static async Task<Viewer> WatchAsync(Uri address, string id)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(address, WebHost.HubPath))
            .AddJsonProtocol(o => WebHost.UseStringEnums(o.PayloadSerializerOptions)).Build();
        var viewer = new Viewer(connection);
        connection.On<SessionRecord>(SessionEvents.SessionEnded, _ => viewer.Ended.TrySetResult());
        await connection.StartAsync();
        await connection.InvokeAsync("JoinSession", id, 0);
        return viewer;
    }

    private static System.Text.Json.JsonSerializerOptions Json() =>
        WebHost.UseStringEnums(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

    private static byte[] Pcm16(float[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), (short)Math.Clamp(samples[i] * 32767f, short.MinValue, short.MaxValue));
        return bytes;
    }

    /// <summary>16 kHz mono PCM16 in a WAV container.</summary>
    private static byte[] Wav(byte[] pcm)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(36 + pcm.Length);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(16000);
        w.Write(32000);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(pcm.Length);
        w.Write(pcm);
        w.Flush();
        return stream.ToArray();
    }
}
