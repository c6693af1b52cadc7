using EmoStream.Transcribe.Evaluation;

namespace EmoStream.Transcribe.Tests.Evaluation;

public sealed class WordErrorRateTests
{
    [Theory]
    [InlineData("The birch canoe slid.", "the birch canoe slid", 0, 4)]
    [InlineData("the birch canoe slid", "the canoe slid", 1, 4)]             // deletion
    [InlineData("the birch canoe slid", "the big birch canoe slid", 1, 4)]  // insertion
    [InlineData("the birch canoe slid", "a birch canoe hid", 2, 4)]         // substitutions
    [InlineData("It's easy", "it's easy", 0, 2)]
    [InlineData("one two", "", 2, 2)]
    public void Counts_word_edits_ignoring_case_and_punctuation(string reference, string hypothesis, int errors, int words)
    {
        Assert.Equal((errors, words), WordErrorRate.Count(reference, hypothesis));
    }

    [Fact]
    public void Rate_is_errors_over_reference_words()
    {
        Assert.Equal(0.5, WordErrorRate.Compute("a b c d", "a x c"), 6);
    }
}
