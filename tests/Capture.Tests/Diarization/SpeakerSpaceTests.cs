using EmoStream.Capture.Diarization;
using EmoStream.Capture.Tests.Support;
using EmoStream.Testing;

namespace EmoStream.Capture.Tests.Diarization;

/// <summary>The speaker space shipped with the diarizer: where it comes from, and that it reads back.</summary>
public sealed class SpeakerSpaceTests
{
    /// <summary>Set to 1 to (re)write <c>src/Capture/Diarization/speaker-space.txt</c> from the shared corpora before comparing.</summary>
    private const string WriteVariable = "EMOSTREAM_WRITE_SPEAKER_SPACE";

    [SkippableFact]
    public void The_shipped_speaker_space_is_what_learning_from_RAVDESS_actors_1_to_12_gives()
    {
        SharedData.SkipIfAbsent();
        var learnt = SpeakerSpaceTrainer.Train();
        var text = learnt.Serialize(SpeakerSpaceTrainer.Description);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
            File.WriteAllText(Path.Combine(RepositoryRoot(), "src", "Capture", "Diarization", "speaker-space.txt"), text);
        var shipped = SpeakerSpace.Default;
        var again = SpeakerSpace.Parse(text, "learnt");
        Assert.Equal(again.Between.Length, shipped.Between.Length);
        // Compared as projections of real statistics (what the diarizer uses), to a rounding tolerance.
        foreach (var statistics in SpeakerSpaceTrainer.Segments(["13", "14"], calls: 1).Select(s => s.Statistics))
        {
            var (a, b) = (again.Project(statistics), shipped.Project(statistics));
            for (var k = 0; k < a.Length; k++)
                Assert.True(Math.Abs(a[k] - b[k]) < 1e-6 * (1 + Math.Abs(a[k])), $"axis {k}: shipped {b[k]}, learnt now {a[k]}; regenerate with {WriteVariable}=1");
        }
        Assert.Equal(again.Between, shipped.Between, (x, y) => Math.Abs(x - y) < 1e-6 * (1 + x));
    }

    [Fact]
    public void The_shipped_space_reads_back_and_a_damaged_one_is_refused_naming_the_line()
    {
        var shipped = SpeakerSpace.Default;
        Assert.Equal(SpeakerSpace.StatisticsDimensions, shipped.Mean.Length);
        Assert.All(shipped.Between, b => Assert.True(b > 0));
        var again = SpeakerSpace.Parse(shipped.Serialize(["copy"]), "copy");
        Assert.Equal(shipped.Projection, again.Projection);
        var damaged = shipped.Serialize(["damaged"]).Replace(shipped.Between[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "n/a");
        var error = Assert.Throws<FormatException>(() => SpeakerSpace.Parse(damaged, "speaker-space.txt"));
        Assert.Contains("speaker-space.txt, line 3: 'n/a'", error.Message);
    }

    [Fact]
    public void Segments_near_each_other_in_the_space_gain_by_merging_and_far_apart_ones_lose()
    {
        var space = SpeakerSpace.Default;
        var near = new double[space.Dimensions];
        var far = space.Between.Select(b => 6 * Math.Sqrt(b + 1)).ToArray();
        // Five segments at the origin each side: one speaker explains them better than two.
        Assert.True(space.Evidence(10, near) > 2 * space.Evidence(5, near));
        // Five at +far and five at −far: two speakers explain them better.
        var plus = far.Select(f => 5 * f).ToArray();
        var minus = far.Select(f => -5 * f).ToArray();
        Assert.True(space.Evidence(10, near) < space.Evidence(5, plus) + space.Evidence(5, minus));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no Streaming.sln above the test's folder");
    }
}
