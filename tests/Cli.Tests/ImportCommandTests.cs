using EmoStream.Dashboard.Cli;
using EmoStream.Inference.Corpora;
using EmoStream.Testing;

namespace EmoStream.Cli.Tests;

/// <summary>The <c>import</c> verb end to end, through the same entry point as the executable.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-import-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task Imports_emodb_and_prints_the_summary_table_on_stdout_and_progress_on_stderr()
    {
        SharedData.SkipIfAbsent();
        var data = SharedData.Directory;
        var output = Path.Combine(_dir, "emodb");

        var result = await CliRunner.RunAsync("import", "emodb", "--source", Path.Combine(data!, "emodb"), "--out", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(266, Corpus.Load(output).Utterances.Count);
        var stdout = result.Stdout;
        Assert.Matches(@"utterances\s+│\s+266", stdout);
        Assert.Matches(@"labeled angry\s+│\s+100", stdout);
        Assert.Matches(@"happiness\s+│\s+happy\s+│\s+54", stdout);
        Assert.DoesNotContain("placing audio", stdout);
        Assert.Contains("placing audio 266/266", result.Stderr);
        Assert.False(File.Exists(Path.Combine(output, "import-issues.txt")));
    }

    [Fact]
    public async Task Lists_skipped_rows_on_stderr_and_in_the_issues_file()
    {
        var source = Path.Combine(_dir, "clips");
        Directory.CreateDirectory(source);
        File.WriteAllBytes(Path.Combine(source, "a.wav"), []);
        File.WriteAllLines(Path.Combine(source, "labels.csv"), ["file,label", "a.wav,angry", "b.wav,sad"]);
        var output = Path.Combine(_dir, "out");

        var result = await CliRunner.RunAsync("import", "folder", "--source", source, "--out", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var issue = $"{Path.Combine(source, "labels.csv")}:3: row skipped: audio file 'b.wav' does not exist";
        Assert.Contains(issue, result.Stderr.ReplaceLineEndings("").Replace("  ", " "));
        Assert.StartsWith(issue, File.ReadAllText(Path.Combine(output, "import-issues.txt")));
        Assert.Matches(@"skipped or odd rows\s+│\s+1", result.Stdout);
    }

    [Fact]
    public async Task Prints_a_missing_source_as_a_user_error()
    {
        var missing = Path.Combine(_dir, "nowhere");

        var result = await CliRunner.RunAsync("import", "meld", "--source", missing, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains($"error: {missing}: source folder does not exist", result.Stderr);
    }

    [Fact]
    public async Task Refuses_a_csv_for_an_importer_that_takes_none()
    {
        var result = await CliRunner.RunAsync("import", "ravdess", "--source", _dir, "--out", Path.Combine(_dir, "out"), "--csv", "x.csv");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("--csv is only for the folder importer", result.Stderr);
    }
}
