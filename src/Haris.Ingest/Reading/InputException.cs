namespace Haris.Ingest.Reading;

/// <summary>An input that cannot be opened or read; its message names the input and the reason, fit to show a user.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception with a message such as <c>cannot open 'x': no such file</c>.</summary>
    public InputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception keeping the I/O error that caused it.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public InputException()
        : base("input error")
    {
    }
}
