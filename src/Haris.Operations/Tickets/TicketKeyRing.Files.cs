using System.Security.Cryptography;

namespace Haris.Operations.Tickets;

public sealed partial class TicketKeyRing
{
    private const string PrivateSuffix = ".private.pem";
    private const string PublicSuffix = ".public.pem";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PublicFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Loads the ring kept in <paramref name="directory"/>, or generates one and saves it there on first use.</summary>
    /// <remarks>First use means the directory does not exist or holds no <c>.pem</c> file.</remarks>
    public static TicketKeyRing LoadOrCreate(string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.pem").Any())
        {
            return Load(directory);
        }

        var ring = Generate();
        try
        {
            ring.Save(directory);
            return ring;
        }
        catch
        {
            ring.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads a ring from <paramref name="directory"/>: exactly one <c>&lt;key id&gt;.private.pem</c> (the active key,
    /// PKCS#8) and any number of <c>&lt;key id&gt;.public.pem</c> (verification keys, SubjectPublicKeyInfo).
    /// </summary>
    /// <exception cref="InvalidDataException">A file is misnamed, unreadable, not P-256, or the active key is missing or ambiguous.</exception>
    public static TicketKeyRing Load(string directory)
    {
        string? activeId = null;
        string? activePath = null;
        var publicPaths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.pem"))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(PrivateSuffix, StringComparison.Ordinal) && TicketToken.IsValidKeyId(name[..^PrivateSuffix.Length]))
            {
                if (activePath is not null)
                {
                    throw new InvalidDataException(
                        $"{directory}: more than one private ticket key ({Path.GetFileName(activePath)}, {name}); keep only the active one.");
                }

                activeId = name[..^PrivateSuffix.Length];
                activePath = path;
            }
            else if (name.EndsWith(PublicSuffix, StringComparison.Ordinal) && TicketToken.IsValidKeyId(name[..^PublicSuffix.Length]))
            {
                publicPaths.Add(name[..^PublicSuffix.Length], path);
            }
            else
            {
                throw new InvalidDataException($"{path}: not a ticket key file name (<key id>{PrivateSuffix} or <key id>{PublicSuffix}).");
            }
        }

        if (activeId is null || activePath is null)
        {
            throw new InvalidDataException($"{directory}: no private ticket key (<key id>{PrivateSuffix}).");
        }

        var signer = ImportPrivateKey(File.ReadAllText(activePath))
            ?? throw new InvalidDataException($"{activePath}: not a PEM P-256 private key.");
        var keys = new List<TicketVerificationKey>();
        try
        {
            using (var activePublic = PublicPart(signer))
            {
                keys.Add(new TicketVerificationKey(activeId, activePublic));
            }

            foreach (var (id, path) in publicPaths)
            {
                using var publicKey = ImportPublicKey(File.ReadAllText(path))
                    ?? throw new InvalidDataException($"{path}: not a PEM P-256 public key.");
                if (id == activeId)
                {
                    if (!publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(keys[0].SubjectPublicKeyInfo))
                    {
                        throw new InvalidDataException($"{path}: does not match the private key in {Path.GetFileName(activePath)}.");
                    }

                    continue;
                }

                keys.Add(new TicketVerificationKey(id, publicKey));
            }

            return new TicketKeyRing(activeId, signer, keys);
        }
        catch
        {
            signer.Dispose();
            foreach (var key in keys)
            {
                key.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Writes the ring to <paramref name="directory"/> so that it mirrors the ring: the active private key (mode 0600
    /// on Unix), every public key, and no file left for retired keys or for the private half of rotated-out keys.
    /// </summary>
    public void Save(string directory)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var keys = _keys;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }

            // Public keys first and the private key last, so an interrupted save never leaves a private key without
            // the public keys that verify tickets already out there.
            foreach (var key in keys.Keys.Values)
            {
                WriteAtomically(Path.Combine(directory, key.KeyId + PublicSuffix), key.PublicKeyPem, PublicFile);
            }

            WriteAtomically(Path.Combine(directory, keys.ActiveKeyId + PrivateSuffix), _signer.ExportPkcs8PrivateKeyPem(), OwnerOnlyFile);

            foreach (var path in Directory.EnumerateFiles(directory, "*.pem"))
            {
                var name = Path.GetFileName(path);
                var stale = name.EndsWith(PrivateSuffix, StringComparison.Ordinal)
                    ? name[..^PrivateSuffix.Length] != keys.ActiveKeyId
                    : name.EndsWith(PublicSuffix, StringComparison.Ordinal) && !keys.Keys.ContainsKey(name[..^PublicSuffix.Length]);
                if (stale)
                {
                    File.Delete(path);
                }
            }
        }
    }

    private static void WriteAtomically(string path, string text, UnixFileMode mode)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created with its final mode: a private key is never readable by others, not even for an instant.
            options.UnixCreateMode = mode;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
        {
            writer.Write(text);
            writer.Write('\n');
            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static ECDsa? ImportPrivateKey(string pem) => Import(pem, "PRIVATE KEY", "EC PRIVATE KEY");

    private static ECDsa? ImportPublicKey(string? pem) => pem is null ? null : Import(pem, "PUBLIC KEY", null);

    // The label is checked before importing so that a private key saved under a public name is refused, not used.
    private static ECDsa? Import(string pem, string label, string? otherLabel)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            return null;
        }

        var found = pem.AsSpan()[fields.Label];
        if (!found.SequenceEqual(label) && (otherLabel is null || !found.SequenceEqual(otherLabel)))
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (IsP256(key))
            {
                return key;
            }
        }
        catch (CryptographicException)
        {
        }
        catch (ArgumentException)
        {
        }

        key.Dispose();
        return null;
    }
}
