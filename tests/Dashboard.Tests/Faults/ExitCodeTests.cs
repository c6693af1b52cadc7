using EmoStream.Dashboard.Tests.Support;
using EmoStream.Testing;

namespace EmoStream.Dashboard.Tests.Faults;

/// <summary>
/// A verb that uses TorchSharp exits 0 once its output is complete, every time: a crash while the process tears
/// down (libtorch's worker threads and static destructors) would make a correct run look failed (exit code 139).
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private const int Runs = 12;
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-exit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Train_exits_0_after_its_output_every_time_with_several_libtorch_threads()
    {
        var corpus = Path.Combine(_dir, "corpus");
        SyntheticCorpus.Write(corpus, new SyntheticCorpusSpec(Groups: 3, DialoguesPerGroup: 4, MinTurns: 5, MaxTurns: 8));
        var failures = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            var json = Path.Combine(_dir, $"train-{i}.json");
            await using var train = ServerProcess.Run(Path.Combine(_dir, "data"),
                ["train", "--corpus", corpus, "--labeled", "1,2", "--unlabeled", "3", "--test", "3", "--epochs", "4", "--runs", "2", "--seed", $"{i}", "--json", json],
                new Dictionary<string, string> { ["Training:Threads"] = "2" });
            var code = await train.ExitCodeAsync(TimeSpan.FromMinutes(3));
            // The output is complete either way; only the exit code tells a crash at exit.
            Assert.Contains("mean ± sd", train.Stdout);
            Assert.True(File.Exists(json), $"run {i + 1}: no JSON");
            if (code != 0) failures.Add($"run {i + 1}: exit code {code}; stderr ends: {train.Stderr[^Math.Min(400, train.Stderr.Length)..]}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
