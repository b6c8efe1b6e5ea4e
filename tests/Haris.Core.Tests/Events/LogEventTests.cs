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
