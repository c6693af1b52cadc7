using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Alerts;

/// <summary>Reading a session's alerts back from its stored utterances.</summary>
public static class AlertHistory
{
    /// <summary>Each alert of the session as it stands now (its latest state), in the order they were raised.</summary>
    public static IReadOnlyList<AlertRecord> Latest(IEnumerable<UtteranceRecord> utterances) =>
        utterances.Where(u => u.Alert is not null).OrderBy(u => u.Index)
            .GroupBy(u => u.Alert!.Number).Select(g => g.Last().Alert!).OrderBy(a => a.Number).ToArray();
}
