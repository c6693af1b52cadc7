using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Alerts;

/// <summary>
/// The alert rule (<see cref="AlertOptions"/>) applied to one session's utterances in index order: per speaker, the
/// run of consecutive utterances classified as one of the rule's emotions; a run of N or more is an alert.
/// </summary>
public sealed class AlertTracker(AlertOptions rule)
{
    private readonly HashSet<string> _emotions = [.. rule.EffectiveEmotions];
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private int _raised;

    /// <summary>Adds the next utterance; returns the alert it raised, extended or ended, else null.</summary>
    public AlertRecord? Add(UtteranceRecord utterance)
    {
        _runs.TryGetValue(utterance.Speaker, out var run);
        if (!_emotions.Contains(utterance.Emotion))
        {
            if (run is null) return null;
            _runs.Remove(utterance.Speaker);
            return run.Number > 0 ? run.State(ongoing: false) : null;
        }
        if (run is null)
        {
            run = new Run(utterance.Speaker, utterance.Index, utterance.Start);
            _runs[utterance.Speaker] = run;
        }
        run.Add(utterance);
        if (run.Length == rule.ConsecutiveUtterances) run.Number = ++_raised;
        return run.Number > 0 ? run.State(ongoing: true) : null;
    }

    private sealed class Run(string speaker, int fromIndex, double start)
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
        private int _toIndex;
        private double _end;

        public int Length { get; private set; }

        /// <summary>0 until the run reaches N utterances.</summary>
        public int Number { get; set; }

        public void Add(UtteranceRecord utterance)
        {
            Length++;
            _toIndex = utterance.Index;
            _end = utterance.End;
            _counts[utterance.Emotion] = _counts.GetValueOrDefault(utterance.Emotion) + 1;
        }

        public AlertRecord State(bool ongoing) =>
            new(Number, speaker, fromIndex, _toIndex, start, _end, Length, new Dictionary<string, int>(_counts), ongoing);
    }
}
