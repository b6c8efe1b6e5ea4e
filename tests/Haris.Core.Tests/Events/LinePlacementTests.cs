using Haris.Core.Events;

namespace Haris.Core.Tests.Events;

public sealed class LinePlacementTests
{
    [Theory]
    [InlineData(0, 4)]
    [InlineData(5, 7)]
    [InlineData(0, 12)]
    [InlineData(12, 0)]
    public void ASliceOfTheLine_IsFoundWhereItStands(int start, int length)
    {
        var line = "GET /a HTTP/".ToCharArray();

        Assert.True(LinePlacement.TryGetOffset<char>(line, line.AsSpan(start, length), out var offset));
        Assert.Equal(start, offset);
    }

    [Fact]
    public void TheSameTextElsewhere_IsNoPieceOfTheLine()
    {
        var line = "GET /a HTTP/1.1".ToCharArray();
        var copy = "/a".ToCharArray();

        Assert.False(LinePlacement.TryGetOffset<char>(line, copy, out _));
    }

    [Fact]
    public void ASpanRunningPastTheLine_IsNoPieceOfIt()
    {
        var buffer = "GET /a HTTP/1.1 200".ToCharArray();
        var line = buffer.AsSpan(0, 15);

        Assert.False(LinePlacement.TryGetOffset<char>(line, buffer.AsSpan(10, 6), out _));
        Assert.False(LinePlacement.TryGetOffset<char>(buffer.AsSpan(4), buffer.AsSpan(0, 6), out _));
    }

    [Fact]
    public void ASpanStartingInsideACharacter_IsNoPieceOfTheLine()
    {
        var bytes = new byte[16];
        var line = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(bytes.AsSpan(0, 16));
        var shifted = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(bytes.AsSpan(1, 4));

        Assert.False(LinePlacement.TryGetOffset<char>(line, shifted, out _));
    }
}
