using Haris.Core.Events;

namespace Haris.Core.Tests.Events;

public sealed class LogEventTests
{
    [Fact]
    public void Add_SameFieldTwice_ChainsValuesInOrder()
    {
        var evt = new LogEvent();
        var field = FieldRegistry.GetOrAdd("tags");
        evt.Add(field, "a");
        evt.Add(KnownFields.SourceIp, "10.0.0.1");
        evt.Add(field, "b");

        var first = evt.First(field);
        Assert.Equal("a", evt.Text(first).ToString());
        var second = evt.Next(first);
        Assert.Equal("b", evt.Text(second).ToString());
        Assert.Equal(-1, evt.Next(second));
    }

    [Fact]
    public void Reset_ForgetsFieldsOfThePreviousLine()
    {
        var evt = new LogEvent();
        evt.Add(KnownFields.SourceIp, "10.0.0.1");
        evt.Reset();

        Assert.False(evt.Has(KnownFields.SourceIp));
        Assert.Equal(-1, evt.First(KnownFields.SourceIp));
        Assert.Equal(0, evt.ValueCount);
    }

    [Fact]
    public void Reset_ReusedSlotsDoNotKeepTheLinksOfThePreviousLine()
    {
        // Slots are rewritten in place, so a slot that ended a chain of two must not still point at its old successor.
        var evt = new LogEvent();
        var field = FieldRegistry.GetOrAdd("tags");
        evt.Add(field, "a");
        evt.Add(field, "b");
        evt.Reset();

        evt.Add(field, "c", FieldValueKind.Number);
        evt.AddUtf8(KnownFields.SourceIp, "10.0.0.1"u8, sliceOfOriginal: true);

        var first = evt.First(field);
        Assert.Equal("c", evt.Text(first).ToString());
        Assert.Equal(-1, evt.Next(first));
        Assert.Equal(FieldValueKind.Number, evt.Kind(first));
        Assert.False(evt.IsSliceOfOriginal(first));
        var ip = evt.First(KnownFields.SourceIp);
        Assert.True(evt.IsSliceOfOriginal(ip));
        Assert.Equal(FieldValueKind.String, evt.Kind(ip));
        Assert.Equal(KnownFields.SourceIp, evt.FieldOf(ip));
    }

    [Fact]
    public void Add_ManyValuesAndFieldIds_GrowsAndKeepsEveryChain()
    {
        // Past the initial room for values and for field ids, both grown while values are being linked.
        var evt = new LogEvent();
        var fields = new int[300];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = FieldRegistry.GetOrAdd("test.grow.f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var round = 0; round < 2; round++)
        {
            evt.Reset();
            for (var i = 0; i < fields.Length; i++)
            {
                evt.Add(fields[i], "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                evt.Add(fields[i], "y");
            }

            Assert.Equal(fields.Length * 2, evt.ValueCount);
            for (var i = 0; i < fields.Length; i++)
            {
                var first = evt.First(fields[i]);
                Assert.Equal("x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), evt.Text(first).ToString());
                Assert.Equal(fields[i], evt.FieldOf(first));
                var second = evt.Next(first);
                Assert.Equal("y", evt.Text(second).ToString());
                Assert.Equal(-1, evt.Next(second));
            }
        }
    }

    [Fact]
    public void AddUtf8_InvalidBytes_BecomeReplacementCharacter()
    {
        var evt = new LogEvent();
        evt.AddUtf8(KnownFields.Message, [0x61, 0xFF, 0x62]);

        Assert.Equal("a\uFFFDb", evt.Get(FieldNames.Message));
    }

    [Fact]
    public void Snapshot_MultiValuedField_IsAList()
    {
        var evt = new LogEvent();
        var field = FieldRegistry.GetOrAdd("dns.answers.data");
        evt.Add(field, "1.1.1.1");
        evt.Add(field, "8.8.8.8");
        evt.Add(KnownFields.UserName, "", FieldValueKind.Null);

        var snapshot = evt.Snapshot();

        Assert.Equal(["1.1.1.1", "8.8.8.8"], Assert.IsType<List<object?>>(snapshot[0].Value));
        Assert.Null(snapshot[1].Value);
    }
}
