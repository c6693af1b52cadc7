using EmoStream.Capture.Audio;
using EmoStream.Capture.Vad;

namespace EmoStream.Capture.Segmentation;

/// <summary>
/// Turns one speaker's 16 kHz audio, pushed in blocks of any size, into utterances: speech starts when the
/// detector's probability reaches the threshold, ends after a pause of at least the minimum silence, is
/// dropped when shorter than the minimum speech, padded on both sides without overlapping the previous
/// utterance, and split when it outgrows the maximum length (at its longest inner pause when there is one).
/// Keeps only the audio of the utterance in progress plus the padding, so memory is bounded by the maximum length.
/// </summary>
public sealed class UtteranceSegmenter : IDisposable
{
    private readonly string _speaker;
    private readonly IVoiceActivityDetector _vad;
    private readonly int _chunk;
    private readonly float _threshold, _pauseThreshold;
    private readonly long _minSpeech, _minSilence, _pad, _maxLength;

    private float[] _audio = new float[16_384];
    private long _audioStart;   // absolute sample index of _audio[0]
    private int _audioCount;
    private long _processed;    // samples already given to the detector
    private bool _inSpeech;
    private long _speechStart;
    private long _pauseStart = -1;
    private long _lastConfident; // middle of the last chunk at or above the threshold: where a pause ends the speech
    private (long Start, long End)? _longestPause;
    private long _lastEnd;      // padded end of the last utterance: the next one may not start before it

    public UtteranceSegmenter(string speaker, IVoiceActivityDetector vad, SegmentationOptions options)
    {
        options.Validate();
        _speaker = speaker;
        _vad = vad;
        _chunk = vad.ChunkSamples;
        _threshold = (float)options.Threshold;
        _pauseThreshold = (float)(options.Threshold - options.ThresholdHysteresis);
        _minSpeech = Samples(options.MinSpeechMs);
        _minSilence = Samples(options.MinSilenceMs);
        _pad = Samples(options.SpeechPadMs);
        _maxLength = Samples(options.MaxUtteranceMs);
    }

    private long Total => _audioStart + _audioCount;

    /// <summary>Audio held right now, in samples: what a live stream costs in memory besides the detector.</summary>
    public int BufferedSamples => _audioCount;

    /// <summary>Takes the next block; returns the utterances it completes.</summary>
    public IReadOnlyList<Utterance> Push(ReadOnlySpan<float> samples)
    {
        Append(samples);
        var done = new List<Utterance>();
        while (Total - _processed >= _chunk)
        {
            var chunk = _audio.AsSpan((int)(_processed - _audioStart), _chunk);
            Step(_vad.SpeechProbability(chunk), done);
            _processed += _chunk;
        }
        Trim();
        return done;
    }

    /// <summary>The audio has ended: returns the utterance still open, if any.</summary>
    public IReadOnlyList<Utterance> Complete()
    {
        var done = new List<Utterance>();
        var rest = (int)(Total - _processed);
        if (rest > 0)
        {
            // The last partial chunk, padded with silence for the detector only.
            var chunk = new float[_chunk];
            _audio.AsSpan((int)(_processed - _audioStart), rest).CopyTo(chunk);
            Step(_vad.SpeechProbability(chunk), done);
            _processed = Total;
        }
        if (_inSpeech) Finish(_pauseStart >= 0 ? _lastConfident : Total, Total, done);
        _inSpeech = false;
        return done;
    }

    private void Step(float probability, List<Utterance> done)
    {
        var at = _processed;
        var chunkEnd = at + _chunk;
        if (!_inSpeech)
        {
            if (probability < _threshold) return;
            _inSpeech = true;
            _speechStart = at;
            _lastConfident = at + _chunk / 2;
            _pauseStart = -1;
            _longestPause = null;
            return;
        }

        if (probability >= _threshold)
        {
            if (_pauseStart >= 0) KeepLongestPause(_pauseStart, at);
            _pauseStart = -1;
            // A chunk's probability says that speech occurs in it, not that it fills it: its middle is the best guess.
            _lastConfident = at + _chunk / 2;
        }
        else if (probability < _pauseThreshold)
        {
            if (_pauseStart < 0) _pauseStart = at;
            if (chunkEnd - _pauseStart >= _minSilence)
            {
                // The hysteresis decides that speech has ended; the boundary is where it was last confidently speech.
                Finish(_lastConfident, long.MaxValue, done);
                _inSpeech = false;
                return;
            }
        }

        if (chunkEnd - _speechStart < _maxLength) return;
        if (_pauseStart >= 0) KeepLongestPause(_pauseStart, chunkEnd);
        if (_longestPause is { } pause && pause.Start - _speechStart >= _minSpeech)
        {
            // Split inside the pause: the first part's padding may reach its middle, the second starts where speech resumed.
            Finish(pause.Start, (pause.Start + pause.End) / 2, done);
            _speechStart = pause.End;
            if (_pauseStart >= 0 && _pauseStart < pause.End) _pauseStart = -1; // that pause was the split
        }
        else
        {
            var cut = _speechStart + _maxLength;
            Finish(cut, cut, done);
            _speechStart = cut;
        }
        _longestPause = null; // still in speech: the next part runs on from here
    }

    private void KeepLongestPause(long start, long end)
    {
        if (_longestPause is not { } best || end - start > best.End - best.Start) _longestPause = (start, end);
    }

    private void Finish(long speechEnd, long padLimit, List<Utterance> done)
    {
        if (speechEnd - _speechStart < _minSpeech) return;
        var start = Math.Max(Math.Max(_speechStart - _pad, _lastEnd), _audioStart);
        var end = Math.Min(Math.Min(speechEnd + _pad, padLimit), Total);
        var samples = _audio.AsSpan((int)(start - _audioStart), (int)(end - start)).ToArray();
        done.Add(new Utterance(_speaker, Time(_speechStart), Time(Math.Min(speechEnd, Total)), Time(start), samples));
        _lastEnd = end;
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        if (_audioCount + samples.Length > _audio.Length)
            Array.Resize(ref _audio, Math.Max(2 * _audio.Length, _audioCount + samples.Length));
        samples.CopyTo(_audio.AsSpan(_audioCount));
        _audioCount += samples.Length;
    }

    /// <summary>Forgets audio that no utterance can include any more.</summary>
    private void Trim()
    {
        var keepFrom = (_inSpeech ? _speechStart : _processed) - _pad;
        var drop = (int)Math.Clamp(keepFrom - _audioStart, 0, _audioCount);
        if (drop < 8192) return; // move memory in batches, not on every block
        _audio.AsSpan(drop, _audioCount - drop).CopyTo(_audio);
        _audioCount -= drop;
        _audioStart += drop;
    }

    private static long Samples(int milliseconds) => (long)milliseconds * SpeechAudio.SampleRate / 1000;

    private static TimeSpan Time(long sample) => TimeSpan.FromSeconds((double)sample / SpeechAudio.SampleRate);

    public void Dispose() => _vad.Dispose();
}
