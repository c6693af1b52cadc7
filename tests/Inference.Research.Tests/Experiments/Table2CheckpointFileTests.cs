using EmoStream.Testing;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Experiments;
using EmoStream.Inference.Training;

namespace EmoStream.Inference.Tests.Experiments;

[Collection(LibTorchGenerator.Name)]
public sealed class Table2CheckpointFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-checkpoint-").FullName;
    private string File_ => Path.Combine(_dir, "runs.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static RunResult Run(int seed, double wa) =>
        new(seed, new ClassificationMetrics(wa, 0.5, 0.4, [[3, 1], [2, 4]], 10), TimeSpan.FromSeconds(12.5), Temperatures.None, 0.1, double.NaN);

    [Fact]
    public void A_recorded_run_is_found_again_by_a_new_reader_with_every_figure()
    {
        new Table2CheckpointFile(File_, "epochs=30").Record("123", 1, Run(7, 0.625));

        var found = new Table2CheckpointFile(File_, "epochs=30").Find("123", 1, 7);

        Assert.NotNull(found);
        Assert.Equal(0.625, found.Test.Wa);
        Assert.Equal(0.5, found.Test.Ua);
        Assert.Equal([[3, 1], [2, 4]], found.Test.Confusion);
        Assert.Equal(10, found.Test.Count);
        Assert.Equal(12.5, found.Elapsed.TotalSeconds);
        Assert.Equal(0.1, found.EceBefore);
        Assert.True(double.IsNaN(found.Ece));
        Assert.Null(new Table2CheckpointFile(File_, "epochs=30").Find("123", 0, 7));
        Assert.Null(new Table2CheckpointFile(File_, "epochs=30").Find("23", 1, 7));
    }

    [Fact]
    public void Recording_a_run_twice_keeps_the_first_and_writes_one_line()
    {
        var checkpoint = new Table2CheckpointFile(File_, "c");
        checkpoint.Record("1234", 0, Run(1, 0.6));
        checkpoint.Record("1234", 0, Run(1, 0.9));

        Assert.Single(File.ReadAllLines(File_));
        Assert.Equal(0.6, new Table2CheckpointFile(File_, "c").Find("1234", 0, 1)!.Test.Wa);
    }

    [Fact]
    public void A_file_written_with_other_settings_is_refused_naming_both()
    {
        new Table2CheckpointFile(File_, "epochs=30").Record("123", 1, Run(1, 0.6));

        var e = Assert.Throws<Table2CheckpointException>(() => new Table2CheckpointFile(File_, "epochs=100"));

        Assert.Contains($"{File_}:1", e.Message);
        Assert.Contains("epochs=30", e.Message);
        Assert.Contains("epochs=100", e.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"configuration":"c","setting":"1","lambda":0,"seed":1}""")]
    public void A_damaged_line_is_reported_by_file_and_line(string line)
    {
        File.WriteAllLines(File_, ["", line]);

        var e = Assert.Throws<Table2CheckpointException>(() => new Table2CheckpointFile(File_, "c"));

        Assert.StartsWith($"{File_}:2:", e.Message);
    }
}
