using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Tests.Training;

/// <summary>
/// How much speaker identity a frozen representation R still holds: a linear classifier trained on R of half the
/// training utterances (even positions) and scored on the other half.
/// </summary>
internal static class SpeakerProbe
{
    public static double Accuracy(ContextualDann model, TrainingSet data, int speakers)
    {
        using var scope = NewDisposeScope();
        Tensor r, s;
        using (no_grad())
        {
            model.eval();
            var (batch, _, speaker) = DialogueBatcher.Collate(data.Train);
            using var output = model.Forward(batch, 0);
            r = output.Representation[batch.Valid].detach();
            s = speaker[batch.Valid];
        }
        var fit = arange(r.shape[0]).remainder(2).eq(0);
        var held = fit.logical_not();
        var mean = r[fit].mean([0]);
        var std = r[fit].std(0) + 1e-6;
        var x = (r - mean) / std;

        random.manual_seed(0);
        using var probe = nn.Linear(r.shape[1], speakers);
        using var optimizer = optim.Adam(probe.parameters(), lr: 0.01);
        for (var step = 0; step < 500; step++)
        {
            optimizer.zero_grad();
            nn.functional.cross_entropy(probe.forward(x[fit]), s[fit]).backward();
            optimizer.step();
        }
        using (no_grad())
            return probe.forward(x[held]).argmax(-1).eq(s[held]).to_type(ScalarType.Float32).mean().item<float>();
    }
}
