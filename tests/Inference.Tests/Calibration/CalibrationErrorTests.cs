using EmoStream.Inference.Calibration;

namespace EmoStream.Inference.Tests.Calibration;

public class CalibrationErrorTests
{
    [Fact]
    public void Matches_a_hand_computed_value_over_15_bins()
    {
        // Bin [0.9, 0.9333): confidences 0.9, 0.92, both right -> |1 - 0.91| = 0.09, weight 2/5.
        // Bin [0.6, 0.6667): 0.6 right, 0.65 wrong -> |0.5 - 0.625| = 0.125, weight 2/5.
        // Bin [0.4, 0.4667): 0.4 wrong -> |0 - 0.4| = 0.4, weight 1/5.
        float[][] p = [[0.9f, 0.1f], [0.08f, 0.92f], [0.6f, 0.4f], [0.35f, 0.65f], [0.4f, 0.3f, 0.3f]];
        int[] truth = [0, 1, 0, 0, 1];

        var ece = CalibrationError.Expected(p, truth);

        Assert.Equal(0.4 * 0.09 + 0.4 * 0.125 + 0.2 * 0.4, ece, 6);
    }

    [Fact]
    public void Is_zero_when_confidence_equals_accuracy_and_one_when_sure_and_always_wrong()
    {
        // Confidence 0.75 in every case and 3 of 4 right.
        float[][] p = [[0.75f, 0.25f], [0.75f, 0.25f], [0.75f, 0.25f], [0.75f, 0.25f]];
        Assert.Equal(0, CalibrationError.Expected(p, [0, 0, 0, 1]), 6);
        Assert.Equal(1, CalibrationError.Expected([[1f, 0f], [0f, 1f]], [1, 0]), 6);
    }

    [Fact]
    public void An_empty_set_has_no_error_to_report()
    {
        Assert.True(double.IsNaN(CalibrationError.Expected([], [])));
    }
}
