using EmoStream.Inference.Training;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Output;

/// <summary>One line per epoch on stderr, synchronously (training runs on the calling thread).</summary>
public sealed class EpochProgress(IAnsiConsole console, int runs) : IProgress<EpochReport>
{
    public void Report(EpochReport e) =>
        console.MarkupLine(
            $"[grey]run {e.Run + 1}/{runs}[/] epoch {e.Epoch,3}/{e.Epochs}  " +
            $"emotion loss {e.EmotionLoss:F4} acc {100 * e.EmotionAccuracy:F1}%  " +
            $"speaker loss {e.SpeakerLoss:F4} acc {100 * e.SpeakerAccuracy:F1}%  [grey]{e.Elapsed.TotalSeconds:F1}s[/]");
}
