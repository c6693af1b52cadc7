namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// How source audio gets into the corpus folder, whose manifest names it relative to itself
/// (<c>audio/...</c>): a symbolic link to the absolute source path (instant, no space, breaks if the source
/// moves) or a copy (a self-contained corpus).
/// </summary>
public enum AudioPlacement
{
    Link,
    Copy,
}
