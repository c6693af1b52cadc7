using EmoStream.Inference.Experiments;

namespace EmoStream.Inference.Tests.Experiments;

public class NumberedGroupsTests
{
    private static readonly string[] RavdessActors = Enumerable.Range(1, 20).Select(a => $"ravdess-actor{a:D2}").Reverse().ToArray();

    [Fact]
    public void Twenty_actors_become_five_groups_of_four_consecutive_actors()
    {
        var groups = NumberedGroups.Split(RavdessActors, 5);

        Assert.Equal(5, groups.Count);
        Assert.All(groups.Members, m => Assert.Equal(4, m.Count));
        Assert.Equal(["ravdess-actor01", "ravdess-actor02", "ravdess-actor03", "ravdess-actor04"], groups.Members[0]);
        Assert.Equal(["ravdess-actor17", "ravdess-actor18", "ravdess-actor19", "ravdess-actor20"], groups.Members[4]);
        Assert.Equal(RavdessActors.Order(StringComparer.Ordinal), groups.Members.SelectMany(m => m));
    }

    [Fact]
    public void Uneven_counts_spread_the_remainder_and_five_groups_stay_as_they_are()
    {
        var seven = NumberedGroups.Split(["a", "b", "c", "d", "e", "f", "g"], 5);
        Assert.Equal([1, 1, 2, 1, 2], seven.Members.Select(m => m.Count));

        var sessions = NumberedGroups.Split(["5", "3", "1", "2", "4"], 5);
        Assert.Equal(["1", "2", "3", "4", "5"], sessions.Members.Select(m => Assert.Single(m)));
    }

    [Fact]
    public void Setting_digits_resolve_to_corpus_groups_and_every_other_group_is_unlabeled()
    {
        var groups = NumberedGroups.Split(Enumerable.Range(1, 10).Select(s => $"meld-s{s:D2}"), 5);

        var setting = Table2Setting.Create(groups, "23", "5");

        Assert.Equal(["meld-s03", "meld-s04", "meld-s05", "meld-s06"], setting.Labeled);
        Assert.Equal(["meld-s09", "meld-s10"], setting.Test);
        Assert.Equal(["meld-s01", "meld-s02", "meld-s07", "meld-s08", "meld-s09", "meld-s10"], setting.Unlabeled);
    }

    [Theory]
    [InlineData("125", "5", "labels the test group")]
    [InlineData("126", "5", "numbered 1..5")]
    [InlineData("12", "45", "one numbered group")]
    public void Impossible_settings_are_refused(string labeled, string test, string message)
    {
        var groups = NumberedGroups.Split(["1", "2", "3", "4", "5"], 5);

        var e = Assert.Throws<ArgumentException>(() => Table2Setting.Create(groups, labeled, test));

        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Fewer_groups_than_numbers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => NumberedGroups.Split(["a", "b"], 5));
    }
}
