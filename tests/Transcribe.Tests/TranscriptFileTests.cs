using System.Text.Json;

namespace EmoStream.Transcribe.Tests;

public sealed class TranscriptFileTests
{
    [Fact]
    public void WebVtt_cues_give_times_speakers_from_voice_tags_and_plain_text()
    {
        const string vtt = """
            WEBVTT
            Kind: captions

            NOTE exported by the call platform

            1
            00:00:01.000 --> 00:00:02.500 align:start
            <v Agent>Good <b>morning</b> &amp; welcome.</v>

            00:03.250 --> 00:05.000
            <v.loud Customer>My parcel
            never came.

            01:00:00.000 --> 01:00:01.000
            No speaker here.
            """;
        var cues = TranscriptFile.Parse(vtt, "call.vtt");

        Assert.Equal(
        [
            new TranscriptSegment("Agent", 1.0, 2.5, "Good morning & welcome."),
            new TranscriptSegment("Customer", 3.25, 5.0, "My parcel never came."),
            new TranscriptSegment(null, 3600, 3601, "No speaker here."),
        ], cues);
    }

    [Fact]
    public void Srt_cues_with_comma_milliseconds_and_crlf_lines_are_read()
    {
        var srt = "1\r\n00:00:00,500 --> 00:00:01,750\r\n<i>Hello</i> there\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nGoodbye\r\n";
        Assert.Equal(
        [
            new TranscriptSegment(null, 0.5, 1.75, "Hello there"),
            new TranscriptSegment(null, 2.0, 3.0, "Goodbye"),
        ], TranscriptFile.Parse(srt, "call.srt"));
    }

    [Fact]
    public void Json_cues_take_an_optional_speaker()
    {
        const string json = """
            [
              {"start": 0.5, "end": 1.5, "speaker": "agent", "text": " Hi "},
              {"start": 2, "end": 3, "text": "Bye", "confidence": 0.9}
            ]
            """;
        Assert.Equal(
        [
            new TranscriptSegment("agent", 0.5, 1.5, "Hi"),
            new TranscriptSegment(null, 2, 3, "Bye"),
        ], TranscriptFile.Parse(json, "call.json"));
    }

    [Theory]
    [InlineData("WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nhello\n", "call.vtt, line 3: expected a cue timing")]
    [InlineData("WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nhello\n", "call.vtt, line 3: the cue ends (2.000 s) before it starts (3.000 s)")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nhello\n", "call.vtt, line 6: expected a cue timing")]
    [InlineData("[\n  {\"start\": 1, \"end\": 2, \"text\": \"a\"},\n  {\"start\": 1, \"text\": \"b\"}\n]", "call.vtt, line 3: cue 2: 'end' is missing")]
    [InlineData("[\n  {\"start\": \"1\", \"end\": 2, \"text\": \"a\"}\n]", "call.vtt, line 2: cue 1: 'start' is \"1\", expected a number of seconds")]
    [InlineData("[\n  {\"start\": 1, \"end\": 2, \"text\": 5}\n]", "call.vtt, line 2: cue 1: 'text' is 5, expected a string")]
    [InlineData("[\n  {\"start\": 1, \"end\": 2, \"text\": \"a\",}\n  {\"start\": 3}", "call.vtt, line 3: not valid JSON")]
    [InlineData("[\n  {\"start\": 2, \"end\": 2, \"text\": \"a\"}\n]", "call.vtt, line 2: cue 1: 'end' (2) is not after 'start' (2)")]
    [InlineData("  \n", "call.vtt: empty")]
    public void A_malformed_transcript_is_refused_naming_the_line_and_what_was_expected(string text, string expected)
    {
        var e = Assert.Throws<TranscriptFormatException>(() => TranscriptFile.Parse(text, "call.vtt"));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<TranscriptFormatException>(() => TranscriptFile.Read("/nonexistent/call.vtt"));
        Assert.Equal("/nonexistent/call.vtt: no such file", e.Message);
    }

    [Fact]
    public void A_live_segment_is_a_json_object_of_the_same_shape()
    {
        using var doc = JsonDocument.Parse("""{"event": "transcript", "start": 1, "end": 2.5, "speaker": "agent", "text": "hi"}""");
        Assert.Equal(new TranscriptSegment("agent", 1, 2.5, "hi"), TranscriptFile.ParseSegment(doc.RootElement, "message 3"));
        using var bad = JsonDocument.Parse("""{"event": "transcript", "start": 1, "end": 0.5, "text": "hi"}""");
        Assert.StartsWith("message 3: 'end' (0.5) is not after 'start' (1)",
            Assert.Throws<TranscriptFormatException>(() => TranscriptFile.ParseSegment(bad.RootElement, "message 3")).Message);
    }
}
