using System.Text.Json;
using EmoStream.Testing;

namespace EmoStream.Dashboard.Tests.Cli;

public sealed class Table2CommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-table2-").FullName;
    private string CorpusDir => Path.Combine(_dir, "corpus");

    public Table2CommandTests() =>
        SyntheticCorpus.Write(CorpusDir, new SyntheticCorpusSpec(Groups: 10, DialoguesPerGroup: 2, MinTurns: 4, MaxTurns: 6));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Runs_both_systems_over_the_same_seeds_per_setting_and_prints_the_paired_comparison()
    {
        var json = Path.Combine(_dir, "table2.json");

        var result = await CliRunner.RunAsync("experiment", "table2", "--corpus", CorpusDir, "--test", "5", "--settings", "1234,23",
            "--groups-of", "5", "--runs", "3", "--epochs", "1", "--seed", "11", "--json", json);

        Assert.True(result.ExitCode == 0, result.Stderr);
        // Groups sort by name ("1", "10", "2", ...): numbered group 1 is {1, 10}, group 5 is {8, 9}.
        Assert.Contains("group 1: 1, 10", result.Stderr);
        Assert.Contains("group 5: 8, 9", result.Stderr);
        Assert.Contains("setting 23 lambda 1 run 3/3 (seed 13)", result.Stderr);
        Assert.Contains("lambda 0 WA", result.Stdout);
        Assert.Contains("Wilcoxon", result.Stdout);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var settings = doc.RootElement.GetProperty("settings").EnumerateArray().ToArray();
        Assert.Equal(["1234", "23"], settings.Select(s => s.GetProperty("setting").GetString()!));
        foreach (var s in settings)
        {
            Assert.Equal(["8", "9"], s.GetProperty("test_groups").EnumerateArray().Select(g => g.GetString()!));
            var seeds0 = s.GetProperty("lambda0").GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("seed").GetInt32());
            var seeds1 = s.GetProperty("lambda1").GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("seed").GetInt32());
            Assert.Equal([11, 12, 13], seeds0);
            Assert.Equal(seeds0, seeds1);
            var difference = s.GetProperty("lambda1").GetProperty("wa").GetDouble() - s.GetProperty("lambda0").GetProperty("wa").GetDouble();
            Assert.Equal(difference, s.GetProperty("difference").GetDouble(), 12);
            Assert.InRange(s.GetProperty("wilcoxon").GetProperty("p").GetDouble(), 0, 1);
            Assert.Equal(3, s.GetProperty("paired_t").GetProperty("pairs").GetInt32());
        }
        var unlabeled = settings[1].GetProperty("unlabeled").EnumerateArray().Select(g => g.GetString()!).ToArray();
        Assert.Equal(["1", "10", "6", "7", "8", "9"], unlabeled);
    }

    [Fact]
    public async Task A_setting_that_labels_the_test_group_is_refused()
    {
        var result = await CliRunner.RunAsync("experiment", "table2", "--corpus", CorpusDir, "--test", "5", "--settings", "45", "--runs", "1", "--epochs", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("labels the test group", result.Stderr);
    }
}
