using EmoStream.Inference.Calibration;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Testing;

namespace EmoStream.Inference.Tests.Calibration;

[Collection(LibTorchGenerator.Name)]
public sealed class ExperimentCalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-calibrate-").FullName;
    private readonly Corpus _corpus;
    private readonly FeatureInputs _features;

    public ExperimentCalibrationTests()
    {
        _corpus = SyntheticCorpus.Write(_dir, new SyntheticCorpusSpec(Groups: 4, DialoguesPerGroup: 4, MinTurns: 5, MaxTurns: 8));
        _features = FeatureInputs.Load(_corpus, acoustic: true, lexical: true);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Each_run_fits_a_temperature_on_the_calibration_groups_and_reports_test_ece_before_and_after()
    {
        using var data = TrainingSet.Build(_corpus, _features, ["1", "2"], ["3", "4"], ["4"], calibration: ["3"]);
        Assert.Equal(["3"], data.CalibrationGroups);
        Assert.All(data.Calibration, d => Assert.Equal("3", d.Group));
        Assert.All(data.Calibration, d => Assert.True(d.Emotion.ge(0).any().item<bool>()));

        var result = Experiment.Run(data, _features, new ModelOptions(), new TrainingOptions { Epochs = 3 }, runs: 1);

        var run = Assert.Single(result.Runs);
        Assert.NotEqual(1, run.Temperatures.Pooled);
        Assert.InRange(run.EceBefore, 0, 1);
        Assert.InRange(run.Ece, 0, 1);
    }

    [Fact]
    public void Without_calibration_groups_the_temperature_stays_1()
    {
        using var data = TrainingSet.Build(_corpus, _features, ["1", "2"], ["4"], ["4"]);

        var run = Assert.Single(Experiment.Run(data, _features, new ModelOptions(), new TrainingOptions { Epochs = 1 }, runs: 1).Runs);

        Assert.Same(Temperatures.None, run.Temperatures);
        Assert.Equal(run.EceBefore, run.Ece);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    public void Calibration_groups_that_are_labeled_or_test_are_refused(string group)
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingSet.Build(_corpus, _features, ["1", "2"], [], ["4"], calibration: [group]));
        Assert.Contains("calibration", e.Message);
    }
}
