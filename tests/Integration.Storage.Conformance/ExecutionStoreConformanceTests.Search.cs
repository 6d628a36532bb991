namespace Integration.Storage.Conformance;

/// <summary>The line search: by correlation id or text, across interfaces and days, newest first, paged by keyset.</summary>
public abstract partial class ExecutionStoreConformanceTests
{
    private static readonly DateTimeOffset Day2 = T0.AddDays(1);

    [Fact]
    public async Task SearchLines_ByCorrelationId_FindsTheCallsLinesAcrossInterfacesAndDays()
    {
        var store = await CreateStoreAsync();
        var daily = NewExecution("public-api", startedAt: T0, kind: ExecutionKind.Daily);
        var scheduled = NewExecution("fnac-sales", startedAt: Day2);
        await store.CreateAsync(daily);
        await store.CreateAsync(scheduled);
        await store.AppendAsync(daily.Id, Called("GET /orders/42", "call-42", T0.AddMinutes(1)));
        await store.AppendAsync(daily.Id, Called("GET /orders/43", "call-43", T0.AddMinutes(2)));
        await store.AppendAsync(daily.Id, Called("200 OK", "call-42", T0.AddMinutes(3)));
        await store.AppendAsync(scheduled.Id, Called("Order 42 pushed to FNAC", "call-42", Day2.AddMinutes(1)));
        await store.AppendAsync(scheduled.Id, Line("no correlation") with { Time = Day2.AddMinutes(2) });

        var page = await store.SearchLinesAsync(new LineSearch { CorrelationId = "call-42" });

        Assert.Null(page.Next);
        Assert.Equal(
            [
                (scheduled.Id, "fnac-sales", ExecutionKind.Scheduled, "Order 42 pushed to FNAC", 1L),
                (daily.Id, "public-api", ExecutionKind.Daily, "200 OK", 3L),
                (daily.Id, "public-api", ExecutionKind.Daily, "GET /orders/42", 1L),
            ],
            page.Items.Select(m => (m.ExecutionId, m.InterfaceId, m.Kind, m.Line.Message, m.Line.Sequence)));
        Assert.All(page.Items, m => Assert.Equal("call-42", m.Line.CorrelationId));
        Assert.Equal(Day2.AddMinutes(1), page.Items[0].Line.Time);
    }

    [Fact]
    public async Task SearchLines_PagedByCursor_ReturnsEveryLineOnceInOrder()
    {
        var store = await CreateStoreAsync();
        var first = NewExecution("sales", startedAt: T0);
        var second = NewExecution("stock", startedAt: T0.AddSeconds(1));
        await store.CreateAsync(first);
        await store.CreateAsync(second);

        // Lines of both executions share times, so the order falls back on the execution, then the sequence.
        for (var i = 0; i < 12; i++)
        {
            await store.AppendAsync(first.Id, Called($"sales {i}", "batch-7", T0.AddMinutes(i / 3)));
            await store.AppendAsync(second.Id, Called($"stock {i}", "batch-7", T0.AddMinutes(i / 4)));
            await store.AppendAsync(second.Id, Called($"other {i}", "batch-8", T0.AddMinutes(i / 4)));
        }

        var read = new List<LineMatch>();
        var search = new LineSearch { CorrelationId = "batch-7", Limit = 5 };
        var pages = 0;
        while (true)
        {
            var page = await store.SearchLinesAsync(search);
            pages++;
            read.AddRange(page.Items);
            if (page.Next is not { } next)
            {
                break;
            }

            Assert.Equal(page.Items[^1].Cursor, next);
            search = search with { After = next };
        }

        var expected = read
            .OrderByDescending(m => m.Line.Time).ThenByDescending(m => m.ExecutionId).ThenByDescending(m => m.Line.Sequence)
            .Select(m => (m.ExecutionId, m.Line.Sequence));
        Assert.Equal(5, pages);
        Assert.Equal(24, read.Select(m => (m.ExecutionId, m.Line.Sequence)).Distinct().Count());
        Assert.Equal(expected, read.Select(m => (m.ExecutionId, m.Line.Sequence)));
        Assert.Equal(T0.AddMinutes(3), read[0].Line.Time);
        Assert.Equal((first.Id, 1L), (read[^1].ExecutionId, read[^1].Line.Sequence));
    }

    [Fact]
    public async Task SearchLines_PagedWhileNewerLinesLand_NeitherRepeatsNorSkipsALine()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        for (var i = 0; i < 6; i++)
        {
            await store.AppendAsync(execution.Id, Called($"ticket T-5 step {i}", "call-5", T0.AddSeconds(i)));
        }

        var first = await store.SearchLinesAsync(new LineSearch { Text = "t-5", Limit = 4 });
        await store.AppendAsync(execution.Id, Called("ticket T-5 late", "call-5", T0.AddMinutes(1)));
        var second = await store.SearchLinesAsync(new LineSearch { Text = "t-5", Limit = 4, After = first.Next });

        Assert.Equal(["ticket T-5 step 5", "ticket T-5 step 4", "ticket T-5 step 3", "ticket T-5 step 2"], first.Items.Select(m => m.Line.Message));
        Assert.Equal(["ticket T-5 step 1", "ticket T-5 step 0"], second.Items.Select(m => m.Line.Message));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task SearchLines_ByText_MatchesWholeWordsInAnyCase()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Line("Order ORD-12345 imported") with { Time = T0.AddMinutes(1) });
        await store.AppendAsync(execution.Id, Line("order ord-123456 imported") with { Time = T0.AddMinutes(2) });
        await store.AppendAsync(execution.Id, Line("Ticket 12345 refers to ord") with { Time = T0.AddMinutes(3) });
        await store.AppendAsync(execution.Id, Line("ORD12345 is another order") with { Time = T0.AddMinutes(4) });
        await store.AppendAsync(execution.Id, Called("Sent", "ORD-12345", T0.AddMinutes(5)));
        await store.AppendAsync(execution.Id, Line("Order ord-12345 rejected", ExecutionLogLevel.Error, ErrorCategory.Mapping) with { Time = T0.AddMinutes(6) });

        var upper = await store.SearchLinesAsync(new LineSearch { Text = "ORD-12345" });
        var lower = await store.SearchLinesAsync(new LineSearch { Text = "  ord 12345 " });

        // Every word, as a whole word, in any order and case; or the correlation id, exactly.
        Assert.Equal(["Order ord-12345 rejected", "Sent", "Ticket 12345 refers to ord", "Order ORD-12345 imported"], upper.Items.Select(m => m.Line.Message));
        Assert.Equal(["Order ord-12345 rejected", "Ticket 12345 refers to ord", "Order ORD-12345 imported"], lower.Items.Select(m => m.Line.Message));
        Assert.Equal(ErrorCategory.Mapping, upper.Items[0].Line.Category);
    }

    [Fact]
    public async Task SearchLines_ByCorrelationIdAndText_FindsTheLinesMatchingBoth()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Called("Timeout calling FNAC", "call-1", T0.AddMinutes(1)));
        await store.AppendAsync(execution.Id, Called("200 OK", "call-1", T0.AddMinutes(2)));
        await store.AppendAsync(execution.Id, Called("Timeout calling FNAC", "call-2", T0.AddMinutes(3)));

        var page = await store.SearchLinesAsync(new LineSearch { CorrelationId = "call-1", Text = "timeout" });

        var match = Assert.Single(page.Items);
        Assert.Equal((1L, "call-1"), (match.Line.Sequence, match.Line.CorrelationId));
    }

    [Fact]
    public async Task SearchLines_WithNoMatch_ReturnsAnEmptyLastPage()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Called("Order 42 imported", "call-42", T0));

        var byCorrelation = await store.SearchLinesAsync(new LineSearch { CorrelationId = "CALL-42" });
        var byText = await store.SearchLinesAsync(new LineSearch { Text = "43" });
        var byPrefix = await store.SearchLinesAsync(new LineSearch { Text = "impor" });

        Assert.Empty(byCorrelation.Items);
        Assert.Null(byCorrelation.Next);
        Assert.Empty(byText.Items);
        Assert.Null(byText.Next);
        Assert.Empty(byPrefix.Items);
    }

    [Fact]
    public async Task SearchLines_FilteredByInterfaceAndTime_FindsOnlyThoseLines()
    {
        var store = await CreateStoreAsync();
        var sales = NewExecution("sales", startedAt: T0);
        var stock = NewExecution("stock", startedAt: T0);
        var nextDay = NewExecution("sales", startedAt: Day2);
        await store.CreateAsync(sales);
        await store.CreateAsync(stock);
        await store.CreateAsync(nextDay);
        await store.AppendAsync(sales.Id, Called("sales line", "order-9", T0.AddMinutes(1)));
        await store.AppendAsync(stock.Id, Called("stock line", "order-9", T0.AddMinutes(2)));
        await store.AppendAsync(nextDay.Id, Called("sales next day", "order-9", Day2.AddMinutes(1)));

        var ofSales = await store.SearchLinesAsync(new LineSearch { CorrelationId = "order-9", InterfaceId = "sales" });
        var ofFirstDay = await store.SearchLinesAsync(new LineSearch { Text = "order-9", From = T0, Before = Day2 });
        var ofUnknown = await store.SearchLinesAsync(new LineSearch { Text = "line", InterfaceId = "unknown" });

        Assert.Equal(["sales next day", "sales line"], ofSales.Items.Select(m => m.Line.Message));
        Assert.Equal(["stock line", "sales line"], ofFirstDay.Items.Select(m => m.Line.Message));
        Assert.Empty(ofUnknown.Items);
    }

    [Fact]
    public async Task SearchLines_SearchesOnlyTheStartOfALongMessage()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        var padding = string.Concat(Enumerable.Repeat("padding ", LineSearch.IndexedMessageLength / 8));
        await store.AppendAsync(execution.Id, Line("early " + padding + " late"));

        Assert.Single((await store.SearchLinesAsync(new LineSearch { Text = "early" })).Items);
        Assert.Empty((await store.SearchLinesAsync(new LineSearch { Text = "late" })).Items);
    }

    [Fact]
    public async Task SearchLines_AfterAPurge_NoLongerFindsThePurgedLines()
    {
        var store = await CreateStoreAsync();
        var old = NewExecution(startedAt: T0);
        var kept = NewExecution(startedAt: T0.AddHours(1));
        await store.CreateAsync(old);
        await store.CreateAsync(kept);
        await store.AppendAsync(old.Id, Called("Order 7 imported", "call-7", T0));
        await store.AppendAsync(kept.Id, Called("Order 7 shipped", "call-7", T0.AddHours(1)));
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = old.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(1) });

        Assert.Equal(1, await store.PurgeAsync(T0.AddMinutes(2), batchSize: 10));

        Assert.Equal(["Order 7 shipped"], (await store.SearchLinesAsync(new LineSearch { CorrelationId = "call-7" })).Items.Select(m => m.Line.Message));
        Assert.Equal(["Order 7 shipped"], (await store.SearchLinesAsync(new LineSearch { Text = "order 7" })).Items.Select(m => m.Line.Message));
    }

    [Theory]
    [InlineData(null, null, 50, "CorrelationId")]
    [InlineData(null, "   ", 50, "Text")]
    [InlineData(null, "-- / --", 50, "Text")]
    [InlineData("", null, 50, "CorrelationId")]
    [InlineData(null, "order", 0, "Limit")]
    [InlineData("call-1", null, LineSearch.MaxLimit + 1, "Limit")]
    public async Task SearchLines_OfABadSearch_ThrowsNamingTheProblem(string? correlationId, string? text, int limit, string parameter)
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.SearchLinesAsync(new LineSearch { CorrelationId = correlationId, Text = text, Limit = limit }));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains("line search", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchLines_OfATooLongText_ThrowsNamingTheLimit()
    {
        var store = await CreateStoreAsync();

        var tooLong = await Assert.ThrowsAsync<ArgumentException>(async () => await store.SearchLinesAsync(new LineSearch { Text = new string('a', LineSearch.MaxTextLength + 1) }));
        var tooManyWords = await Assert.ThrowsAsync<ArgumentException>(async () => await store.SearchLinesAsync(new LineSearch { Text = string.Join(' ', Enumerable.Range(0, LineSearch.MaxWords + 1)) }));

        Assert.Contains(LineSearch.MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture), tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("holds 17", tooManyWords.Message, StringComparison.Ordinal);
    }

    private static LogEntry Called(string message, string correlationId, DateTimeOffset time)
        => new() { Time = time, Level = ExecutionLogLevel.Information, Message = message, CorrelationId = correlationId };
}
