using System.Diagnostics;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Training;

/// <summary>
/// Trains a <see cref="ContextualDann"/>: emotion cross-entropy on labeled utterances plus speaker cross-entropy on
/// every training utterance, the latter reaching the encoder reversed and scaled by lambda (L = Ly - lambda Ld for the
/// encoder, while the speaker classifier itself minimises Ld). Adam with weight decay as L2. Seeded: the same seed and
/// thread count give the same numbers. libtorch's generator (initialisation, dropout) is process-wide, so trainings in
/// one process take turns.
/// </summary>
public static class DannTrainer
{
    private static readonly Lock Exclusive = new();

    public static ContextualDann Train(TrainingSet data, DannArchitecture architecture, TrainingOptions options, int run = 0,
        IProgress<EpochReport>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        lock (Exclusive) return TrainSeeded(data, architecture, options, run, progress, ct);
    }

    private static ContextualDann TrainSeeded(TrainingSet data, DannArchitecture architecture, TrainingOptions options, int run,
        IProgress<EpochReport>? progress, CancellationToken ct)
    {
        if (options.Threads > 0) set_num_threads(options.Threads);
        random.manual_seed(options.Seed);
        var shuffle = new Random(options.Seed);

        var model = new ContextualDann(architecture);
        FitNormalizers(model, data.Train);
        var speakerParameters = model.SpeakerHead.parameters().ToHashSet(ReferenceEqualityComparer.Instance);
        using var optimizer = optim.Adam(
        [
            new TorchSharp.Modules.Adam.ParamGroup(model.parameters().Where(p => !speakerParameters.Contains(p)), options.LearningRate, weight_decay: options.WeightDecay),
            new TorchSharp.Modules.Adam.ParamGroup(model.SpeakerHead.parameters(), options.LearningRate * options.SpeakerLearningRateScale, weight_decay: options.WeightDecay),
        ], lr: options.LearningRate, weight_decay: options.WeightDecay);
        var order = Enumerable.Range(0, data.Train.Count).ToArray();
        var clock = Stopwatch.StartNew();
        model.train();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            shuffle.Shuffle(order);
            var lambda = options.LambdaAt(epoch);
            double emotionLoss = 0, speakerLoss = 0;
            long emotionSeen = 0, emotionRight = 0, speakerSeen = 0, speakerRight = 0;
            foreach (var chunk in order.Chunk(options.BatchDialogues))
            {
                using var scope = NewDisposeScope();
                var (batch, emotion, speaker) = DialogueBatcher.Collate(chunk.Select(i => data.Train[i]).ToArray());
                var output = model.Forward(batch, lambda);
                var (ly, ny, ry) = Loss(output.EmotionLogits, emotion);
                var (ld, nd, rd) = Loss(output.SpeakerLogits, speaker);
                optimizer.zero_grad();
                // The reversal layer turns +Ld here into -lambda Ld for the encoder.
                (ly + ld).backward();
                optimizer.step();
                emotionLoss += ly.item<float>() * ny;
                speakerLoss += ld.item<float>() * nd;
                emotionSeen += ny; emotionRight += ry;
                speakerSeen += nd; speakerRight += rd;
            }
            progress?.Report(new EpochReport(run, epoch, options.Epochs,
                emotionSeen == 0 ? 0 : emotionLoss / emotionSeen, speakerSeen == 0 ? 0 : speakerLoss / speakerSeen,
                emotionSeen == 0 ? 0 : (double)emotionRight / emotionSeen, speakerSeen == 0 ? 0 : (double)speakerRight / speakerSeen,
                clock.Elapsed));
        }
        model.eval();
        return model;
    }

    /// <summary>Mean cross-entropy over targets that are not ignored; zero (with no gradient) when there are none.</summary>
    private static (Tensor Loss, long Count, long Right) Loss(Tensor logits, Tensor targets)
    {
        var flatLogits = logits.reshape(-1, logits.shape[^1]);
        var flatTargets = targets.reshape(-1);
        var keep = flatTargets.ne(EncodedDialogue.Ignore);
        var count = keep.sum().item<long>();
        if (count == 0) return (zeros(1, dtype: float32).squeeze(), 0, 0);
        var loss = nn.functional.cross_entropy(flatLogits, flatTargets, ignore_index: EncodedDialogue.Ignore);
        var right = flatLogits.argmax(-1).eq(flatTargets).logical_and(keep).sum().item<long>();
        return (loss, count, right);
    }

    private static void FitNormalizers(ContextualDann model, IReadOnlyList<EncodedDialogue> dialogues)
    {
        using var scope = NewDisposeScope();
        if (model.AcousticNorm is not null) model.AcousticNorm.Fit(PresentRows(dialogues, d => d.Acoustic, 0));
        if (model.LexicalNorm is not null) model.LexicalNorm.Fit(PresentRows(dialogues, d => d.Lexical, 1));
    }

    private static Tensor PresentRows(IReadOnlyList<EncodedDialogue> dialogues, Func<EncodedDialogue, Tensor?> pick, int column)
    {
        var rows = dialogues.Where(d => pick(d) is not null).Select(d => pick(d)![d.Present[.., column]]).ToArray();
        return rows.Length == 0 ? zeros(0, 1) : cat(rows, 0);
    }
}
