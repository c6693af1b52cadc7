using System.Diagnostics;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Model;

namespace EmoStream.Inference.Training;

/// <summary>
/// The paper's protocol for one configuration: R runs with seeds S..S+R-1 on the same split, each scored on the test
/// groups. <c>keep</c> may take ownership of a trained model by returning true; the others are disposed.
/// </summary>
public static class Experiment
{
    public static ExperimentResult Run(TrainingSet data, FeatureInputs features, ModelOptions model, TrainingOptions options, int runs,
        IProgress<EpochReport>? progress = null, Func<int, ContextualDann, bool>? keep = null, CancellationToken ct = default)
    {
        if (runs < 1) throw new ArgumentException($"runs must be at least 1, got {runs}");
        var architecture = new DannArchitecture(features.AcousticDim, features.LexicalDim, EmotionClasses.All.Count, data.Speakers.Count,
            model.Mode, model.Hidden, model.Heads, model.Dropout);
        var results = new List<RunResult>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var seed = options.Seed + run;
            var trained = DannTrainer.Train(data, architecture, options.With(o => o.Seed = seed), run, progress, ct);
            var kept = false;
            try
            {
                var metrics = DialoguePredictor.Score(DialoguePredictor.Predict(trained, data.Test), EmotionClasses.All.Count);
                results.Add(new RunResult(seed, metrics, clock.Elapsed));
                kept = keep?.Invoke(run, trained) ?? false;
            }
            finally
            {
                if (!kept) trained.Dispose();
            }
        }
        return new ExperimentResult(EmotionClasses.All, results);
    }
}
