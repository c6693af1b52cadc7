using EmoStream.Dashboard.Cli;
using EmoStream.Inference.Model;

namespace EmoStream.Cli.Tests;

/// <summary><c>emostream models list|verify</c>: the emotion models of <c>Models:Directory</c> in their own table, beside the Whisper files.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-models-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Shipped()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) return Path.Combine(dir.FullName, "models", "default.emsm");
        throw new DirectoryNotFoundException($"no Streaming.sln above {AppContext.BaseDirectory}");
    }

    private Dictionary<string, string?> Settings(string folder) => new()
    {
        ["Models:Directory"] = folder,
        ["Models:Default"] = Path.Combine(folder, "mine.emsm"),
        ["Transcription:Whisper:ModelDirectory"] = Directory.CreateDirectory(Path.Combine(_dir, "whisper")).FullName,
    };

    [Fact]
    public async Task List_shows_each_emotion_model_with_its_id_figures_and_problem_and_verify_fails_on_a_broken_one()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
        var mine = Path.Combine(folder, "mine.emsm");
        File.Copy(Shipped(), mine);
        var bytes = File.ReadAllBytes(Shipped());
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(folder, "broken.emsm"), bytes);
        var metadata = ModelFile.ReadMetadata(mine);

        var list = await CliRunner.RunAsync(Settings(folder), "models", "list");
        Assert.Equal(ExitCodes.Ok, list.ExitCode);
        var row = list.Stdout.Split('\n').Single(l => l.Contains("mine.emsm (default)"));
        Assert.Contains(ModelFile.Id(mine, metadata), row);
        Assert.Contains("audio+text", row);
        Assert.Contains(string.Join("+", metadata.Training.Corpus.Split('+').Select(Path.GetFileName).Take(3)), row);
        if (metadata.Calibration?.Ece is { } ece) Assert.Contains($"{ece:F3}", row);
        Assert.Contains("ok (checksum)", row);
        Assert.Contains("broken.emsm: the file is corrupt", list.Stdout.Split('\n').Single(l => l.Contains("│ broken.emsm")));
        Assert.Contains("base.en", list.Stdout); // the Whisper table follows
        Assert.Contains($"emotion model folder (Models:Directory): {folder}", list.Stderr);

        var verify = await CliRunner.RunAsync(Settings(folder), "models", "verify");
        Assert.Equal(ExitCodes.UserError, verify.ExitCode);
        Assert.Contains("ok, loaded", verify.Stdout.Split('\n').Single(l => l.Contains("mine.emsm")));
    }

    [Fact]
    public async Task A_missing_folder_is_said_not_an_error()
    {
        var list = await CliRunner.RunAsync(Settings(Path.Combine(_dir, "none")), "models", "list");
        Assert.Equal(ExitCodes.Ok, list.ExitCode);
        Assert.Contains("holds no *.emsm file", list.Stderr);
    }
}
