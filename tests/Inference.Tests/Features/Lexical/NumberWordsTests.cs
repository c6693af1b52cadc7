using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Tests.Features.Lexical;

public sealed class NumberWordsTests
{
    [Theory]
    [InlineData("0", "zero")]
    [InlineData("7", "seven")]
    [InlineData("13", "thirteen")]
    [InlineData("40", "forty")]
    [InlineData("21", "twenty one")]
    [InlineData("100", "one hundred")]
    [InlineData("1000", "one thousand")]
    [InlineData("2019", "two thousand nineteen")]
    [InlineData("1234567", "one million two hundred thirty four thousand five hundred sixty seven")]
    [InlineData("5000000000", "five billion")]
    [InlineData("3.5", "three point five")]
    [InlineData("0.25", "zero point two five")]
    [InlineData(".5", "point five")]
    [InlineData("1234567890123456", "one two three four five six seven eight nine zero one two three four five six")]
    public void Spells_numbers(string number, string expected) => Assert.Equal(expected, string.Join(" ", NumberWords.Spell(number)));
}
