namespace Starboard.Core;

/// <summary>The root of Starboard's own errors: each carries a message fit to print as one line.</summary>
public class StarboardException : Exception
{
    public StarboardException(string message) : base(message) { }

    public StarboardException(string message, Exception inner) : base(message, inner) { }
}
