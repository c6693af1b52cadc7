namespace EmoStream.Sessions.Storage;

/// <summary>One step of the schema: applied once, in its own transaction, recorded in <c>schema_migrations</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql);
