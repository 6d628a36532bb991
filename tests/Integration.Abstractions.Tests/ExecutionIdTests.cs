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
