namespace EmoStream.Capture.Tests.Support;

/// <summary>
/// F1 of utterance boundaries: every start and every end is an event; a found event matches a true one of
/// the same kind within the tolerance, each true event matched at most once (nearest first).
/// </summary>
public static class BoundaryScore
{
    public static (double Precision, double Recall, double F1) Score(
        IReadOnlyList<(double Start, double End)> truth, IReadOnlyList<(double Start, double End)> found, double tolerance)
    {
        var matched = Match(truth.Select(t => t.Start).ToList(), found.Select(f => f.Start).ToList(), tolerance)
                      + Match(truth.Select(t => t.End).ToList(), found.Select(f => f.End).ToList(), tolerance);
        var precision = found.Count == 0 ? 0 : matched / (2.0 * found.Count);
        var recall = truth.Count == 0 ? 0 : matched / (2.0 * truth.Count);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    private static int Match(List<double> truth, List<double> found, double tolerance)
    {
        var pairs = (from t in Enumerable.Range(0, truth.Count)
                     from f in Enumerable.Range(0, found.Count)
                     let d = Math.Abs(truth[t] - found[f])
                     where d <= tolerance
                     orderby d
                     select (t, f)).ToList();
        var usedTruth = new HashSet<int>();
        var usedFound = new HashSet<int>();
        foreach (var (t, f) in pairs)
            if (!usedTruth.Contains(t) && !usedFound.Contains(f)) { usedTruth.Add(t); usedFound.Add(f); }
        return usedTruth.Count;
    }
}
