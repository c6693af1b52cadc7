namespace EmoStream.Inference.Evaluation;

/// <summary>
/// WA (overall accuracy, i.e. per-class accuracy weighted by class frequency, the paper's metric), UA (mean per-class
/// recall over classes present in the truth), macro-F1 over the same classes, and the confusion matrix
/// (rows = truth, columns = prediction). All fractions in [0, 1]. A prediction of <see cref="NoPrediction"/> (an
/// utterance the system never answered for, e.g. speech it did not detect) counts as wrong and fills no cell.
/// </summary>
public sealed record ClassificationMetrics(double Wa, double Ua, double MacroF1, int[][] Confusion, int Count)
{
    public const int NoPrediction = -1;

    public static ClassificationMetrics Compute(int classes, IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"{truth.Count} true labels but {predicted.Count} predictions");
        var confusion = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        var supports = new int[classes];
        for (var i = 0; i < truth.Count; i++)
        {
            supports[truth[i]]++;
            if (predicted[i] != NoPrediction) confusion[truth[i]][predicted[i]]++;
        }
        if (truth.Count == 0) return new ClassificationMetrics(double.NaN, double.NaN, double.NaN, confusion, 0);

        var correct = Enumerable.Range(0, classes).Sum(c => confusion[c][c]);
        var recalls = new List<double>();
        var f1s = new List<double>();
        for (var c = 0; c < classes; c++)
        {
            var support = supports[c];
            if (support == 0) continue;
            var predictedAs = Enumerable.Range(0, classes).Sum(r => confusion[r][c]);
            var recall = (double)confusion[c][c] / support;
            var precision = predictedAs == 0 ? 0 : (double)confusion[c][c] / predictedAs;
            recalls.Add(recall);
            f1s.Add(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        }
        return new ClassificationMetrics((double)correct / truth.Count, recalls.Average(), f1s.Average(), confusion, truth.Count);
    }
}
