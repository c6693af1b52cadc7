using System.Text.Json;
using EmoStream.Dashboard.Cli;
using EmoStream.Cli.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EmoStream.Cli.Tests.AssembledConversations;

/// <summary>`emostream evaluate-conversations` end to end on a small corpus: conversations replayed through the real pipeline.</summary>
[Collection(TrainedModelCollection.Name)]
public sealed class EvaluateConversationsCommandTests(TrainedModel model) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-evalconv-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("--stereo", "corpus")]
    [InlineData("--mono", "none")]
    public async Task Reports_turns_accuracy_clip_accuracy_and_weights_that_add_up(string layout, string engine)
    {
        var source = EspeakClipCorpus.Write(Path.Combine(_dir, "clips"));
        var json = Path.Combine(_dir, "result.json");
        var data = Path.Combine(_dir, "data");

        var run = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Storage:DataDirectory"] = data },
            "evaluate-conversations", "--corpus", source.Directory, "--groups", "voice-a,voice-b", "--model", model.Path!,
            "--conversations", "2", "--turns", "6", layout, "--engine", engine, "--seed", "2", "--json", json);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        var r = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        int Int(string name) => r.GetProperty(name).GetInt32();
        double Number(string name) => r.GetProperty(name).GetDouble();
        Assert.Equal(12, Int("turns"));
        Assert.Equal(12, Int("found") + Int("split") + Int("misaligned") + Int("missed"));
        Assert.True(Int("found") >= 10, $"found {Int("found")} of 12 clean espeak-ng turns");
        Assert.Equal(12, Int("labeled_turns"));
        // Turn WA is the confusion's diagonal over every labeled turn, a missed turn counting as wrong.
        var confusion = r.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 4).Sum(c => confusion[c][c]) / 12.0, Number("wa"), 9);
        Assert.InRange(Number("clip_wa"), 0, 1);
        Assert.InRange(Number("ua"), 0, 1);
        var weights = r.GetProperty("weights");
        var audio = weights.GetProperty("audio").GetDouble();
        var text = weights.GetProperty("text").GetDouble();
        Assert.Equal(1.0, audio + text, 6);
        if (engine == "none") Assert.Equal(0.0, text);
        else Assert.True(text > 0, "with the corpus's transcripts the text modality must take part");
        Assert.Equal(12, r.GetProperty("details").GetArrayLength());
        // The evaluation's sessions went to a store of their own, not the user's.
        Assert.False(File.Exists(Path.Combine(data, "emostream.db")));
    }

    [Fact]
    public async Task A_diarized_mono_replay_reports_how_many_found_turns_got_their_own_speaker()
    {
        var source = EspeakClipCorpus.Write(Path.Combine(_dir, "clips"));
        var json = Path.Combine(_dir, "diarized.json");
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(_dir, "data") };
        string[] args = ["evaluate-conversations", "--corpus", source.Directory, "--groups", "voice-a,voice-b", "--model", model.Path!,
            "--conversations", "2", "--turns", "8", "--engine", "none", "--seed", "3", "--diarize"];

        var refused = await CliRunner.RunAsync(settings, [.. args, "--stereo"]);
        Assert.Equal(ExitCodes.UserError, refused.ExitCode);
        Assert.Contains("--diarize splits a mono recording", refused.Stderr);

        var run = await CliRunner.RunAsync(settings, [.. args, "--mono", "--json", json]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        var r = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal("mono-diarized", r.GetProperty("layout").GetString());
        var found = r.GetProperty("found").GetInt32();
        var right = r.GetProperty("speaker_right").GetInt32();
        Assert.Contains($"{right} of {found} found turns given their own speaker", run.Stdout);
        // Two espeak-ng voices alternating: at worst one name per voice is half right; the voices are told apart.
        Assert.InRange(right, found * 3 / 4, found);
    }
}
