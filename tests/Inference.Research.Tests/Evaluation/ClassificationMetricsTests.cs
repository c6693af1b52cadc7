using EmoStream.Inference.Evaluation;

namespace EmoStream.Inference.Tests.Evaluation;

public class ClassificationMetricsTests
{
    [Fact]
    public void Computes_wa_ua_and_macro_f1_from_a_known_confusion()
    {
        // truth: 6 of class 0, 2 of class 1, 2 of class 2; class 3 absent.
        int[] truth = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2];
        int[] predicted = [0, 0, 0, 0, 0, 1, 1, 0, 2, 3];

        var m = ClassificationMetrics.Compute(4, truth, predicted);

        Assert.Equal(7 / 10.0, m.Wa, 12);
        Assert.Equal((5 / 6.0 + 1 / 2.0 + 1 / 2.0) / 3, m.Ua, 12);
        double F1(double p, double r) => 2 * p * r / (p + r);
        Assert.Equal((F1(5 / 6.0, 5 / 6.0) + F1(1 / 2.0, 1 / 2.0) + F1(1, 1 / 2.0)) / 3, m.MacroF1, 12);
        Assert.Equal([5, 1, 0, 0], m.Confusion[0]);
        Assert.Equal([0, 0, 1, 1], m.Confusion[2]);
        Assert.Equal(10, m.Count);
    }

    [Fact]
    public void An_unanswered_item_counts_as_wrong_and_fills_no_cell()
    {
        int[] truth = [0, 0, 1, 1];
        int[] predicted = [0, ClassificationMetrics.NoPrediction, 1, 1];

        var m = ClassificationMetrics.Compute(2, truth, predicted);

        Assert.Equal(3 / 4.0, m.Wa, 12);
        Assert.Equal((1 / 2.0 + 1) / 2, m.Ua, 12);
        Assert.Equal([1, 0], m.Confusion[0]);
        Assert.Equal(4, m.Count);
    }

    [Fact]
    public void Mismatched_lengths_are_refused() =>
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(2, [0, 1], [0]));
}
