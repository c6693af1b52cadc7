using System.Text.Json;
using EmoStream.Testing;

namespace EmoStream.Cli.Tests;

[Collection(LibTorchGenerator.Name)]
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
    public async Task With_a_checkpoint_a_split_experiment_resumes_from_the_finished_runs()
    {
        string[] Args(string settings, string checkpoint, string json) =>
            ["experiment", "table2", "--corpus", CorpusDir, "--test", "5", "--settings", settings, "--runs", "2", "--epochs", "1",
                "--checkpoint", checkpoint, "--json", json];
        var first = Path.Combine(_dir, "a.jsonl");
        var second = Path.Combine(_dir, "b.jsonl");
        // Two processes' worth of settings, each with its own checkpoint file.
        Assert.Equal(0, (await CliRunner.RunAsync(Args("1234", first, Path.Combine(_dir, "a.json")))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(Args("23", second, Path.Combine(_dir, "b.json")))).ExitCode);
        var all = Path.Combine(_dir, "all.jsonl");
        File.WriteAllLines(all, File.ReadAllLines(first).Concat(File.ReadAllLines(second)));
        Assert.Equal(8, File.ReadAllLines(all).Length);
        // A marked figure proves the run is read back, not trained again.
        File.WriteAllText(all, File.ReadAllText(all).Replace("\"seed\":2,\"wa\":", "\"seed\":2,\"wa\":0.123456,\"was\":"));
        var json = Path.Combine(_dir, "all.json");

        var resumed = await CliRunner.RunAsync(Args("1234,23", all, json));

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("8 finished run(s) to reuse", resumed.Stderr);
        Assert.Contains("setting 23 lambda 1 run 2/2 (seed 2): WA 12.35%  from the checkpoint", resumed.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        foreach (var s in doc.RootElement.GetProperty("settings").EnumerateArray())
            Assert.Equal(0.123456, s.GetProperty("lambda0").GetProperty("runs")[1].GetProperty("wa").GetDouble());
        Assert.Equal(8, File.ReadAllLines(all).Length);

        var otherEpochs = await CliRunner.RunAsync("experiment", "table2", "--corpus", CorpusDir, "--test", "5", "--settings", "23", "--runs", "2",
            "--epochs", "2", "--checkpoint", all);
        Assert.Equal(2, otherEpochs.ExitCode);
        Assert.Contains("other settings", otherEpochs.Stderr);
        Assert.Contains("epochs=1", otherEpochs.Stderr);
    }

    [Fact]
    public async Task A_setting_that_labels_the_test_group_is_refused()
    {
        var result = await CliRunner.RunAsync("experiment", "table2", "--corpus", CorpusDir, "--test", "5", "--settings", "45", "--runs", "1", "--epochs", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("labels the test group", result.Stderr);
    }
}
