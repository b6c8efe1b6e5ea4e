using Haris.Operations.Tickets;

namespace Haris.Operations.Tests.Tickets;

public sealed class TicketKeyRingTests : IDisposable
{
    private readonly TicketTestData _data = new();
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        _data.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Rotate_OldTicketsStillVerify_NewTicketsUseNewKey()
    {
        var old = _data.Issue("OLD1");

        var newKey = _data.Keys.Rotate("k2");
        var fresh = _data.Issue("NEW1");

        Assert.Equal("k2", _data.Keys.ActiveKeyId);
        Assert.Equal(["k1", "k2"], _data.Keys.KeyIds);
        Assert.Equal(TokenError.None, TicketToken.Verify(old.Token!, _data.Keys, out var oldPayload));
        Assert.Equal("k1", oldPayload!.KeyId);
        Assert.Equal(TokenError.None, TicketToken.Verify(fresh.Token!, _data.Keys, out var freshPayload));
        Assert.Equal(newKey, freshPayload!.KeyId);
        Assert.Equal(ScanReason.Entered, _data.Scan(old.Token!).Reason);
    }

    [Fact]
    public void Retire_TokensSignedWithIt_AreCounterfeit()
    {
        var old = _data.Issue("OLD1");
        _data.Keys.Rotate("k2");

        Assert.True(_data.Keys.Retire("k1"));

        Assert.Equal(TokenError.UnknownKey, TicketToken.Verify(old.Token!, _data.Keys, out _));
        var verdict = _data.Scan(old.Token!);
        Assert.Equal((ScanDecision.Reject, ScanReason.Counterfeit, TokenError.UnknownKey), (verdict.Decision, verdict.Reason, verdict.TokenError));
        Assert.Null(verdict.TicketId);
        Assert.False(_data.Keys.Retire("k1"));
    }

    [Fact]
    public void Retire_ActiveKey_Throws() =>
        Assert.Throws<InvalidOperationException>(() => _data.Keys.Retire("k1"));

    [Fact]
    public void Rotate_ToTakenId_Throws() =>
        Assert.Throws<ArgumentException>(() => _data.Keys.Rotate("k1"));

    [Fact]
    public void Generate_DefaultId_IsEightHexDigits()
    {
        using var keys = TicketKeyRing.Generate();

        Assert.Matches("^[0-9a-f]{8}$", keys.ActiveKeyId);
    }

    [Fact]
    public void AddVerificationKey_TicketsOfAnotherSite_Verify()
    {
        using var otherSite = TicketKeyRing.Generate("site-b");
        var ticket = new TicketIssuer(otherSite).Issue("B1", TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, "", TicketTestData.GatesOpen, TicketTestData.GatesClose);
        Assert.Equal(TokenError.UnknownKey, TicketToken.Verify(ticket.Token!, _data.Keys, out _));

        _data.Keys.AddVerificationKey("site-b", otherSite.ExportPublicKeyPem("site-b"));

        Assert.Equal(TokenError.None, TicketToken.Verify(ticket.Token!, _data.Keys, out _));
    }

    [Fact]
    public void AddVerificationKey_NotAP256PublicKey_Throws()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);

        Assert.Throws<ArgumentException>(() => _data.Keys.AddVerificationKey("rsa", rsa.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>(() => _data.Keys.AddVerificationKey("k9", "not a pem"));
    }

    [Fact]
    public void LoadOrCreate_FirstUse_GeneratesAndSaves_ThenLoadsTheSameKey()
    {
        var directory = Path.Combine(_dir.Path, "keys");
        string token;
        string keyId;
        using (var created = TicketKeyRing.LoadOrCreate(directory))
        {
            keyId = created.ActiveKeyId;
            token = new TicketIssuer(created).Issue("P1", TicketTestData.Match, TicketTestData.Zone, TicketTestData.Gate, "", TicketTestData.GatesOpen, TicketTestData.GatesClose).Token!;
        }

        Assert.True(File.Exists(Path.Combine(directory, keyId + ".private.pem")));
        Assert.True(File.Exists(Path.Combine(directory, keyId + ".public.pem")));
        using var loaded = TicketKeyRing.LoadOrCreate(directory);

        Assert.Equal(keyId, loaded.ActiveKeyId);
        Assert.Equal(TokenError.None, TicketToken.Verify(token, loaded, out _));
    }

    [Fact]
    public void Save_PrivateKey_IsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
            return;
        }

        _data.Keys.Save(_dir.Path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.File("k1.private.pem")));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(_dir.File("k1.public.pem")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(_dir.File("k1.private.pem")), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(_dir.File("k1.public.pem")), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_AfterRotateAndRetire_DirectoryMirrorsTheRing()
    {
        var old = _data.Issue("OLD1");
        _data.Keys.Save(_dir.Path);
        _data.Keys.Rotate("k2");
        _data.Keys.Save(_dir.Path);

        // Rotated out: k1 keeps its public key only, so it can verify but never sign again.
        Assert.Equal(["k1.public.pem", "k2.private.pem", "k2.public.pem"], PemFiles());
        using (var loaded = TicketKeyRing.Load(_dir.Path))
        {
            Assert.Equal("k2", loaded.ActiveKeyId);
            Assert.Equal(TokenError.None, TicketToken.Verify(old.Token!, loaded, out _));
        }

        _data.Keys.Retire("k1");
        _data.Keys.Save(_dir.Path);

        Assert.Equal(["k2.private.pem", "k2.public.pem"], PemFiles());
        using var afterRetire = TicketKeyRing.Load(_dir.Path);
        Assert.Equal(TokenError.UnknownKey, TicketToken.Verify(old.Token!, afterRetire, out _));
    }

    [Fact]
    public void Load_TwoPrivateKeys_IsRefused()
    {
        _data.Keys.Save(_dir.Path);
        File.Copy(_dir.File("k1.private.pem"), _dir.File("k2.private.pem"));

        var error = Assert.Throws<InvalidDataException>(() => TicketKeyRing.Load(_dir.Path));
        Assert.Contains("more than one private ticket key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PublicFileOfAnotherKey_IsRefused()
    {
        _data.Keys.Save(_dir.Path);
        using var other = TicketKeyRing.Generate("k1");
        File.WriteAllText(_dir.File("k1.public.pem"), other.ExportPublicKeyPem("k1"));

        var error = Assert.Throws<InvalidDataException>(() => TicketKeyRing.Load(_dir.Path));
        Assert.Contains("does not match the private key", error.Message, StringComparison.Ordinal);
    }

    // A private key saved under a public name would otherwise lie around unprotected.
    [Fact]
    public void Load_PrivateKeyInPublicFile_IsRefused()
    {
        _data.Keys.Rotate("k2");
        _data.Keys.Save(_dir.Path);
        File.Copy(_dir.File("k2.private.pem"), _dir.File("k1.public.pem"), overwrite: true);

        var error = Assert.Throws<InvalidDataException>(() => TicketKeyRing.Load(_dir.Path));
        Assert.Contains("k1.public.pem", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Not a key file name at all.
    [InlineData("notes.pem")]
    // Upper case key id.
    [InlineData("K9.public.pem")]
    public void Load_MisnamedFile_IsRefused(string name)
    {
        _data.Keys.Save(_dir.Path);
        File.WriteAllText(_dir.File(name), _data.Keys.ExportPublicKeyPem("k1"));

        var error = Assert.Throws<InvalidDataException>(() => TicketKeyRing.Load(_dir.Path));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoPrivateKey_IsRefused()
    {
        _data.Keys.Save(_dir.Path);
        File.Delete(_dir.File("k1.private.pem"));

        Assert.Throws<InvalidDataException>(() => TicketKeyRing.Load(_dir.Path));
    }

    private string[] PemFiles()
    {
        var names = Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Select(n => n!).ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }
}
