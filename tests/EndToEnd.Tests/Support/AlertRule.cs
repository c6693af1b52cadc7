using EmoStream.Sessions.Storage;

namespace EmoStream.EndToEnd.Tests.Support;

/// <summary>
/// The alert rule of docs/WEB.md, written out again on the test side as an oracle for what the page must show:
/// per speaker, runs of consecutive utterances (that speaker's) classified as one of the emotions, N or longer.
/// </summary>
internal static class AlertRule
{
    public sealed record Alert(string Speaker, int Length, bool Ongoing);

    public static IReadOnlyList<Alert> Expected(IEnumerable<UtteranceRecord> utterances, int consecutive, IReadOnlyCollection<string> emotions)
    {
        var alerts = new List<Alert>();
        var runs = new Dictionary<string, int>();
        foreach (var u in utterances.OrderBy(u => u.Index))
        {
            var length = runs.GetValueOrDefault(u.Speaker);
            if (!emotions.Contains(u.Emotion))
            {
                if (length >= consecutive) alerts.Add(new Alert(u.Speaker, length, Ongoing: false));
                runs.Remove(u.Speaker);
            }
            else runs[u.Speaker] = length + 1;
        }
        alerts.AddRange(runs.Where(r => r.Value >= consecutive).Select(r => new Alert(r.Key, r.Value, Ongoing: true)));
        return alerts.OrderBy(a => a.Speaker, StringComparer.Ordinal).ThenBy(a => a.Length).ThenBy(a => a.Ongoing).ToArray();
    }
}
