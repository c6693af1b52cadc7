namespace EmoStream.Sessions.Models;

/// <summary>A model asked for by a name that is no model file of the server's set.</summary>
public sealed class UnknownModelException(string message) : Exception(message);
