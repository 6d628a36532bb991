using System.Buffers.Binary;

namespace Integration.Tests;

public sealed class ExecutionIdTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_SortByCreationTime_AsValuesAndAsStrings()
    {
        var ids = Enumerable.Range(0, 50).Select(i => ExecutionId.New(T0.AddMilliseconds(i * 7))).ToArray();

        Assert.Equal(ids, ids.Order());
        Assert.Equal(ids.Select(i => i.ToString()), ids.Select(i => i.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void New_IsAVersion7Uuid_WithTheRfc9562Variant_AndTheTimeInItsFirst48Bits()
    {
        var now = T0.AddMilliseconds(123);
        for (var i = 0; i < 500; i++)
        {
            var id = ExecutionId.New(now);
            var bytes = id.Value.ToByteArray(bigEndian: true);

            Assert.Equal(7, id.Value.Version);
            Assert.Equal(0b10, bytes[8] >> 6);
            Assert.Equal(now.ToUnixTimeMilliseconds(), (long)BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16);

            // The same layout as the runtime's own version 7 UUIDs (ids made before this change sort with these).
            var runtime = Guid.CreateVersion7(now).ToByteArray(bigEndian: true);
            Assert.Equal(runtime[..6], bytes[..6]);
            Assert.Equal(runtime[6] >> 4, bytes[6] >> 4);
        }
    }

    [Fact]
    public void Ids_AreUnique_AcrossThreads_InOneMillisecond()
    {
        const int threads = 8;
        const int perThread = 25_000;
        var ids = new ExecutionId[threads][];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            ids[t] = [.. Enumerable.Range(0, perThread).Select(_ => ExecutionId.New(T0))];
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var all = ids.SelectMany(i => i).ToList();
        Assert.Equal(threads * perThread, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());

        // 74 random bits: no two ids of the same millisecond share their random part, whichever thread made them.
        Assert.Equal(all.Count, all.Select(i => Convert.ToHexString(i.Value.ToByteArray(bigEndian: true), 6, 10)).Distinct().Count());
    }

    [Fact]
    public void Ids_SortByTheirTimestamp_WhateverTheirRandomBits()
    {
        var earlier = Enumerable.Range(0, 1000).Select(_ => ExecutionId.New(T0)).ToList();
        var later = Enumerable.Range(0, 1000).Select(_ => ExecutionId.New(T0.AddMilliseconds(1))).ToList();

        Assert.True(earlier.Max() < later.Min());
        Assert.True(string.CompareOrdinal(earlier.Max().ToString(), later.Min().ToString()) < 0);
    }

    [Fact]
    public void ClockGoingBackwards_GivesIds_ThatSortByTheTimeTheyCarry_AndAreStillUnique()
    {
        var first = ExecutionId.New(T0.AddSeconds(1));
        var afterTheClockWentBack = ExecutionId.New(T0);
        var again = ExecutionId.New(T0);

        Assert.True(afterTheClockWentBack < first);
        Assert.NotEqual(afterTheClockWentBack, again);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), (long)BinaryPrimitives.ReadUInt64BigEndian(afterTheClockWentBack.Value.ToByteArray(bigEndian: true)) >> 16);
    }

    [Fact]
    public void New_BeforeTheUnixEpoch_IsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ExecutionId.New(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));

        Assert.Equal("now", e.ParamName);
        Assert.Equal(0L, (long)BinaryPrimitives.ReadUInt64BigEndian(ExecutionId.New(DateTimeOffset.UnixEpoch).Value.ToByteArray(bigEndian: true)) >> 16);
    }

    [Fact]
    public void Id_RoundTripsThroughItsText()
    {
        var id = ExecutionId.New(T0);

        Assert.Equal(id, ExecutionId.Parse(id.ToString()));
        Assert.True(ExecutionId.TryParse(id.ToString(), out var parsed) && parsed == id);
    }

    [Fact]
    public void Parse_OfText_ThatIsNotAnId_NamesIt()
    {
        var e = Assert.Throws<FormatException>(() => ExecutionId.Parse("run-42"));

        Assert.Contains("'run-42'", e.Message, StringComparison.Ordinal);
        Assert.False(ExecutionId.TryParse(null, out _));
    }

    [Fact]
    public void InterfaceType_IsAnOpenSet_ComparedIgnoringCase()
    {
        Assert.Equal(InterfaceType.ExternalSales, new InterfaceType("externalsales"));
        Assert.True(InterfaceType.Exports.IsApiSupportType);
        Assert.False(new InterfaceType("Payroll").IsApiSupportType);
        Assert.Equal("Unspecified", default(InterfaceType).Name);
        Assert.Throws<ArgumentException>(() => new InterfaceType(" "));
    }

    [Fact]
    public void ExceptionSummary_KeepsTheInnerExceptions()
    {
        var summary = ExceptionSummary.From(new InvalidOperationException("outer", new TimeoutException("inner")));

        Assert.Equal("System.InvalidOperationException", summary.Type);
        Assert.Equal("outer ---> System.TimeoutException: inner", summary.Message);
    }
}
