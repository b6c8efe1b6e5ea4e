using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Haris.Ingest.Sources;

/// <summary>Identifies a file by its content rather than its name, so a rotated file is recognised under any name.</summary>
/// <remarks>
/// The fingerprint is XXH3 of the first line, newline included, or of the first <see cref="MaxBytes"/> bytes when the
/// first line is longer (the "checksum" strategy of Vector, the fingerprint of Filebeat). It exists as soon as the file
/// holds one complete line, which is also when the first line can be read, and never changes while the file grows.
/// Two files that start with the same line share a fingerprint; log lines start with a time, so that is rare.
/// </remarks>
internal static class FileFingerprint
{
    public const int MaxBytes = 256;

    public static bool TryCompute(SafeFileHandle handle, out ulong fingerprint)
    {
        Span<byte> head = stackalloc byte[MaxBytes];
        var read = 0;
        while (read < MaxBytes)
        {
            var n = RandomAccess.Read(handle, head[read..], read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var newline = head[..read].IndexOf((byte)'\n');
        if (newline >= 0 || read == MaxBytes)
        {
            fingerprint = XxHash3.HashToUInt64(newline >= 0 ? head[..(newline + 1)] : head);
            return true;
        }

        fingerprint = 0;
        return false;
    }

    /// <summary>The fingerprint of <paramref name="handle"/>'s file, or null when it has no complete first line yet.</summary>
    public static ulong? Of(SafeFileHandle handle) => TryCompute(handle, out var fingerprint) ? fingerprint : null;
}
