namespace EmoStream.Inference.Experiments;

/// <summary>
/// One row of the paper's Table 2: the numbered groups whose labels are used (e.g. "123"), the numbered test group, and
/// the corpus groups they stand for. Every other group is unlabeled, the test group included.
/// </summary>
public sealed record Table2Setting(string Name, string TestName, IReadOnlyList<string> Labeled, IReadOnlyList<string> Unlabeled, IReadOnlyList<string> Test)
{
    public static Table2Setting Create(NumberedGroups groups, string labeled, string test)
    {
        if (test.Length != 1) throw new ArgumentException($"the test group is one numbered group, got '{test}'");
        if (labeled.Length == 0) throw new ArgumentException("a setting names at least one labeled group");
        if (labeled.Contains(test[0]))
            throw new ArgumentException($"setting {labeled} labels the test group {test}: the test group's labels must stay unseen");
        var labeledGroups = groups.Resolve(labeled);
        var testGroups = groups.Resolve(test);
        var unlabeled = groups.Members.SelectMany(m => m).Except(labeledGroups, StringComparer.Ordinal).ToArray();
        return new Table2Setting(labeled, test, labeledGroups, unlabeled, testGroups);
    }
}
