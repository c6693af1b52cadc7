using EmoStream.Testing;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Model;
using EmoStream.Inference.Scoring;
using static TorchSharp.torch;

namespace EmoStream.Inference.Tests.Model;

[Collection(LibTorchGenerator.Name)]
public class IncrementalScorerTests
{
    private static UtteranceScore[] ScoreIncrementally(ContextualDann model, DialogueBatch batch, int window, Temperatures? temperatures = null)
    {
        using var scorer = new IncrementalDialogueScorer(model, window, temperatures);
        var n = (int)batch.Lengths[0].item<long>();
        var present = batch.Present.data<bool>().ToArray();
        return Enumerable.Range(0, n).Select(i => scorer.Add(
            batch.Acoustic![0, i].data<float>().ToArray(), batch.Lexical![0, i].data<float>().ToArray(),
            present[2 * i], present[2 * i + 1])).ToArray();
    }

    [Theory]
    [InlineData(1.0, 1.0, false)]
    [InlineData(2.5, 2.5, false)] // a calibrated model: both paths divide the logits by the same temperature
    [InlineData(0.8, 3.0, false)] // per-modality calibration: audio-only utterances get their own temperature
    [InlineData(1.0, 1.0, true)] // a residual model: both paths add the fused vector to the context vector
    [InlineData(0.8, 3.0, true)]
    public void Within_the_window_it_equals_the_batch_causal_pass(double bothT, double audioT, bool residual)
    {
        var temperatures = new Temperatures(1.7, new Dictionary<ModalityPattern, double>
        {
            [ModalityPattern.AudioAndText] = bothT,
            [ModalityPattern.Audio] = audioT,
        });
        var arch = ModelTestData.Architecture(ContextMode.Causal, residual: residual);
        using var model = ModelTestData.EvalModel(arch);
        var textPresent = Enumerable.Range(0, 30).Select(i => i % 3 != 0).ToArray();
        using var batch = ModelTestData.Batch(arch, [30], lexicalPresent: textPresent);
        using var noGrad = no_grad();
        using var output = model.Forward(batch);

        var scores = ScoreIncrementally(model, batch, window: 30, temperatures);

        for (var i = 0; i < scores.Length; i++)
        {
            var want = softmax(output.EmotionLogits[0, i] / (textPresent[i] ? bothT : audioT), -1).data<float>().ToArray();
            for (var c = 0; c < want.Length; c++) Assert.Equal(want[c], scores[i].Probabilities[c], 1e-5);
            Assert.Equal(output.ModalityWeights[0, i, 1].item<float>(), scores[i].ModalityWeights[1], 1e-6);
        }
        Assert.Contains(scores, s => s.ModalityWeights[1] == 0f);
    }

    [Fact]
    public void When_the_window_slides_attention_forgets_the_oldest_utterances()
    {
        var arch = ModelTestData.Architecture(ContextMode.Causal);
        using var model = ModelTestData.EvalModel(arch);
        using var batch = ModelTestData.Batch(arch, [20]);

        var full = ScoreIncrementally(model, batch, window: 20);
        var windowed = ScoreIncrementally(model, batch, window: 8);

        for (var i = 0; i < 8; i++) Assert.Equal(full[i].Probabilities, windowed[i].Probabilities);
        Assert.Contains(Enumerable.Range(8, 12), i => Math.Abs(full[i].Probabilities[0] - windowed[i].Probabilities[0]) > 1e-6);
    }

    [Fact]
    public async Task Sessions_scoring_at_once_on_one_shared_model_get_what_each_gets_alone()
    {
        // The live server shares one model between every session without a lock (ScoringModel).
        var arch = ModelTestData.Architecture(ContextMode.Causal);
        using var model = ModelTestData.EvalModel(arch);
        const int sessions = 8, length = 40;
        var dialogues = Enumerable.Range(0, sessions).Select(s =>
        {
            using var batch = ModelTestData.Batch(arch, [length], seed: 100 + s);
            return (Alone: ScoreIncrementally(model, batch, window: 16),
                Acoustic: Enumerable.Range(0, length).Select(i => batch.Acoustic![0, i].data<float>().ToArray()).ToArray(),
                Lexical: Enumerable.Range(0, length).Select(i => batch.Lexical![0, i].data<float>().ToArray()).ToArray());
        }).ToArray();

        using var start = new Barrier(sessions);
        var together = dialogues.Select(d => Task.Factory.StartNew(() =>
        {
            using var scorer = new IncrementalDialogueScorer(model, 16);
            start.SignalAndWait();
            return Enumerable.Range(0, length).Select(i => scorer.Add(d.Acoustic[i], d.Lexical[i], true, true)).ToArray();
        }, TaskCreationOptions.LongRunning)).ToArray();
        var results = await Task.WhenAll(together);

        for (var s = 0; s < sessions; s++)
            for (var i = 0; i < length; i++)
            {
                Assert.Equal(dialogues[s].Alone[i].Probabilities, results[s][i].Probabilities);
                Assert.Equal(dialogues[s].Alone[i].ModalityWeights, results[s][i].ModalityWeights);
            }
    }

    [Fact]
    public void Offline_models_are_refused()
    {
        using var model = ModelTestData.EvalModel(ModelTestData.Architecture(ContextMode.Offline));
        Assert.Throws<ArgumentException>(() => new IncrementalDialogueScorer(model, 10));
    }
}
