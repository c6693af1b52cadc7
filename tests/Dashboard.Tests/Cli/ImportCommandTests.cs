using EmoStream.Dashboard.Cli;
using EmoStream.Inference.Corpora;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace EmoStream.Dashboard.Tests.Cli;

/// <summary>The <c>import</c> verb end to end, through the same entry point as the executable.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-import-cli-").FullName;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<int> Run(params string[] args)
    {
        IAnsiConsole Console(TextWriter w) => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(w), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        var context = new CliContext(new ConfigurationBuilder().Build(), Console(_stdout), Console(_stderr), NullLoggerFactory.Instance);
        return CommandLineApp.RunAsync(args, context);
    }

    private static string? SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        return null;
    }

    [SkippableFact]
    public async Task Imports_emodb_and_prints_the_summary_table_on_stdout_and_progress_on_stderr()
    {
        var data = SharedData();
        Skip.If(data is null, "shared corpora absent: no ../shared/data beside the repository root");
        var output = Path.Combine(_dir, "emodb");

        var code = await Run("import", "emodb", "--source", Path.Combine(data!, "emodb"), "--out", output);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(266, Corpus.Load(output).Utterances.Count);
        var stdout = _stdout.ToString();
        Assert.Matches(@"utterances\s+│\s+266", stdout);
        Assert.Matches(@"labeled angry\s+│\s+100", stdout);
        Assert.Matches(@"happiness\s+│\s+happy\s+│\s+54", stdout);
        Assert.DoesNotContain("placing audio", stdout);
        Assert.Contains("placing audio 266/266", _stderr.ToString());
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

        var code = await Run("import", "folder", "--source", source, "--out", output);

        Assert.Equal(ExitCodes.Ok, code);
        var issue = $"{Path.Combine(source, "labels.csv")}:3: row skipped: audio file 'b.wav' does not exist";
        Assert.Contains(issue, _stderr.ToString().ReplaceLineEndings("").Replace("  ", " "));
        Assert.StartsWith(issue, File.ReadAllText(Path.Combine(output, "import-issues.txt")));
        Assert.Matches(@"skipped or odd rows\s+│\s+1", _stdout.ToString());
    }

    [Fact]
    public async Task Prints_a_missing_source_as_a_user_error()
    {
        var missing = Path.Combine(_dir, "nowhere");

        var code = await Run("import", "meld", "--source", missing, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains($"error: {missing}: source folder does not exist", _stderr.ToString());
    }

    [Fact]
    public async Task Refuses_a_csv_for_an_importer_that_takes_none()
    {
        var code = await Run("import", "ravdess", "--source", _dir, "--out", Path.Combine(_dir, "out"), "--csv", "x.csv");

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("--csv is only for the folder importer", _stderr.ToString());
    }
}
