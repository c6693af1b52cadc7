using System.Diagnostics;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Model;

namespace EmoStream.Inference.Training;

/// <summary>
/// The paper's protocol for one configuration: R runs with seeds S..S+R-1 on the same split, each scored on the test
/// groups. With calibration dialogues, each run's temperatures are fitted on them and the test groups' expected
/// calibration error is measured before and after. <c>runProgress</c> hears each run's result as it finishes;
/// <c>keep</c> may take ownership of a trained model by returning true; the others are disposed. <c>reuse</c> may hand
/// back a run already finished elsewhere for a seed, which is then not trained again (each run is seeded on its own).
/// </summary>
public static class Experiment
{
    public static ExperimentResult Run(TrainingSet data, FeatureInputs features, ModelOptions model, TrainingOptions options, int runs,
        IProgress<EpochReport>? progress = null, Func<int, ContextualDann, RunResult, bool>? keep = null,
        IProgress<(int Run, RunResult Result)>? runProgress = null, Func<int, RunResult?>? reuse = null, CancellationToken ct = default)
    {
        if (runs < 1) throw new ArgumentException($"runs must be at least 1, got {runs}");
        var architecture = new DannArchitecture(features.AcousticDim, features.LexicalDim, EmotionClasses.All.Count, data.Speakers.Count,
            model.Mode, model.Hidden, model.Heads, model.Dropout, model.Residual);
        var results = new List<RunResult>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var seed = options.Seed + run;
            if (reuse?.Invoke(seed) is { } finished)
            {
                results.Add(finished);
                runProgress?.Report((run, finished));
                continue;
            }
            var trained = DannTrainer.Train(data, architecture, options.With(o => o.Seed = seed), run, progress, ct);
            var kept = false;
            try
            {
                var temperatures = data.Calibration.Count == 0 ? Temperatures.None : DialoguePredictor.FitTemperatures(DialoguePredictor.Predict(trained, data.Calibration));
                var predictions = DialoguePredictor.Predict(trained, data.Test);
                var result = new RunResult(seed, DialoguePredictor.Score(predictions, EmotionClasses.All.Count), clock.Elapsed, temperatures,
                    DialoguePredictor.CalibrationError(predictions, Temperatures.None), DialoguePredictor.CalibrationError(predictions, temperatures));
                results.Add(result);
                runProgress?.Report((run, result));
                kept = keep?.Invoke(run, trained, result) ?? false;
            }
            finally
            {
                if (!kept) trained.Dispose();
            }
        }
        return new ExperimentResult(EmotionClasses.All, results);
    }
}
