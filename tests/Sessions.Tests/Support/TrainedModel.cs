using EmoStream.Dashboard.Cli;
using EmoStream.Cli.Tests;
using EmoStream.Inference.Corpora;
using EmoStream.Testing;

namespace EmoStream.Sessions.Tests.Support;

/// <summary>
/// A small causal model trained once per build (shared by the test assemblies through a temporary file) with the real verbs (featurize, train) on RAVDESS speech of two
/// actors, with the compact acoustic set and the configured text features (`Features:Lexical:Encoder`, minilm): what the pipeline must accept.
/// Without the shared corpora the same clips are spoken by espeak-ng (<see cref="RavdessClips"/>).
/// </summary>
public sealed class TrainedModel : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-model-").FullName;

    public string? Path { get; private set; }

    public async Task InitializeAsync()
    {
        // Trained once per build of the model code and per speech source: the test assemblies that use it (sessions,
        // CLI) run side by side and share the file, under a lock only one of them holds at a time.
        var build = typeof(Inference.Model.ContextualDann).Assembly.ManifestModule.ModuleVersionId;
        var shared = System.IO.Path.Combine(System.IO.Path.GetTempPath(),
            $"emostream-test-model-{build:N}-{(SharedData.Directory is null ? "espeak" : "ravdess")}.emsm");
        await using (await LockAsync(shared + ".lock"))
        {
            if (!File.Exists(shared)) File.Move(await TrainAsync(), shared);
        }
        Path = shared;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, patience.Token);
            }
        }
    }

    private async Task<string> TrainAsync()
    {
        var corpus = System.IO.Path.Combine(_dir, "corpus");
        Directory.CreateDirectory(System.IO.Path.Combine(corpus, "audio"));
        var utterances = new List<CorpusUtterance>();
        foreach (var actor in new[] { "01", "02" })
        {
            var clips = RavdessClips.Of(actor, EmotionClasses.All.ToArray(), 16);
            for (var i = 0; i < clips.Count; i++)
            {
                var name = $"{actor}_{i:00}.wav";
                File.Copy(clips[i].Path, System.IO.Path.Combine(corpus, "audio", name));
                // Dialogues of four turns: the causal model learns from context as it will be used.
                utterances.Add(new CorpusUtterance($"{actor}_{i:00}", $"d{actor}_{i / 4}", i % 4, $"ravdess-{actor}", $"ravdess-{actor}",
                    clips[i].Emotion, clips[i].Text, $"audio/{name}", null, null));
            }
        }
        CorpusManifest.Write(corpus, utterances);
        await Expect(CliRunner.RunAsync("featurize", "--corpus", corpus, "--set", "compact", "--modalities", "audio,text", "--threads", "1"));
        var model = System.IO.Path.Combine(_dir, "ravdess-causal.emsm");
        await Expect(CliRunner.RunAsync("train", "--corpus", corpus, "--labeled", "ravdess-01", "--unlabeled", "ravdess-02",
            "--test", "ravdess-02", "--mode", "causal", "--epochs", "3", "--out", model));
        return model;
    }

    private static async Task Expect(Task<CliRunner.Result> run)
    {
        var result = await run;
        if (result.ExitCode != ExitCodes.Ok) throw new InvalidOperationException($"exit {result.ExitCode}: {result.Stderr}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
