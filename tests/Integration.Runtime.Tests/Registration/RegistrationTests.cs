using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integration.Tests;

public sealed class RegistrationTests
{
    private static ArgumentException Register(Action<IExecutionsBuilder> configure)
        => Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddExecutions(configure));

    [Fact]
    public void InvalidCron_FailsAtRegistration_NamingTheInterface()
    {
        var e = Register(x => x.AddScheduledInterface<ScriptedConnector>("fnac-sales", i => i.Cron("0 */2 * *", "Europe/Zurich")));

        Assert.Contains("'fnac-sales'", e.Message, StringComparison.Ordinal);
        Assert.Contains("invalid cron expression '0 */2 * *'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CronThatNeverFires_FailsAtRegistration()
    {
        var e = Register(x => x.AddScheduledInterface<ScriptedConnector>("feb-30", i => i.Cron("0 0 30 2 *")));

        Assert.Contains("'feb-30'", e.Message, StringComparison.Ordinal);
        Assert.Contains("never fires", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTimeZone_FailsAtRegistration_NamingTheInterface()
    {
        var e = Register(x => x.AddScheduledInterface<ScriptedConnector>("fnac-sales", i => i.Cron("0 */2 * * *", "Mars/Olympus_Mons")));

        Assert.Contains("'fnac-sales'", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown time zone 'Mars/Olympus_Mons'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateInterfaceId_FailsAtRegistration_NamingIt()
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x.AddRealTimeInterface("public-api"));

        var e = Assert.Throws<ArgumentException>(() => services.AddExecutions(x => x.AddScheduledInterface<ScriptedConnector>("public-api", i => i.Cron("* * * * *"))));

        Assert.Contains("'public-api' is registered twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduledInterfaceWithoutConnector_FailsAtRegistration()
    {
        var e = Register(x => x.AddScheduledInterface("erp-sync", connectorType: null!, i => i.Cron("* * * * *")));

        Assert.Contains("'erp-sync'", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs a connector", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectorTypeThatIsNotAConnector_FailsAtRegistration()
    {
        var e = Register(x => x.AddScheduledInterface("erp-sync", typeof(string), i => i.Cron("* * * * *")));

        Assert.Contains("'erp-sync'", e.Message, StringComparison.Ordinal);
        Assert.Contains("IExternalInterface", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduledInterfaceWithoutCron_FailsAtRegistration()
    {
        var e = Register(x => x.AddScheduledInterface<ScriptedConnector>("erp-sync", i => i.Type(InterfaceType.Exports)));

        Assert.Contains("'erp-sync' is scheduled but has no cron expression", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void MaxDurationNotAboveZero_FailsAtRegistration(int minutes)
    {
        var e = Register(x => x.AddScheduledInterface<ScriptedConnector>("fnac-sales", i => i.Cron("* * * * *").MaxDuration(TimeSpan.FromMinutes(minutes))));

        Assert.IsType<ArgumentOutOfRangeException>(e);
        Assert.Contains("'fnac-sales'", e.Message, StringComparison.Ordinal);
        Assert.Contains("maximum duration", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisfireCapNotAboveZero_FailsAtRegistration()
    {
        var e = Register(x => x.AddScheduledInterface<ScriptedConnector>("fnac-sales", i => i.Cron("* * * * *").OnMisfire(MisfirePolicy.RunAll, 0)));

        Assert.Contains("'fnac-sales'", e.Message, StringComparison.Ordinal);
        Assert.Contains("misfire cap", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/id")]
    public void InvalidInterfaceId_FailsAtRegistration(string id)
        => Register(x => x.AddRealTimeInterface(id));

    [Fact]
    public void Registration_RecordsTheDefinition()
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x
            .AddScheduledInterface<ScriptedConnector>("fnac-sales", i => i
                .DisplayName("FNAC sales")
                .Type(InterfaceType.ExternalSales)
                .Provider("FNAC", "support@fnac.example")
                .Cron("*/30 * * * * *", "Europe/Zurich"))
            .AddRealTimeInterface("public-api", i => i.Type(InterfaceType.PublicWebServices).Inbound().TimeZone("Europe/Berlin")));

        var catalog = services.BuildServiceProvider().GetRequiredService<IInterfaceCatalog>();

        var sales = catalog.Get("fnac-sales");
        Assert.Equal("FNAC sales", sales.DisplayName);
        Assert.Equal(InterfaceMode.Scheduled, sales.Mode);
        Assert.Equal(new ProviderInfo("FNAC", "support@fnac.example"), sales.Provider);
        Assert.Equal(TimeSpan.FromHours(1), sales.Schedule.MaxDuration);
        Assert.Equal(OverlapPolicy.Skip, sales.Schedule.OverlapPolicy);
        Assert.Equal(typeof(ScriptedConnector), sales.ConnectorType);
        var api = catalog.Get("public-api");
        Assert.Equal(InterfaceMode.RealTime, api.Mode);
        Assert.Equal(InterfaceDirection.Inbound, api.Direction);
        Assert.Equal("public-api_daily", api.Schedule.Id);
        Assert.Equal("public-api", api.DisplayName);
        Assert.Equal(["fnac-sales", "public-api"], catalog.Interfaces.Select(i => i.Id));
    }

    [Fact]
    public async Task InvalidOptions_FailAtHostStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddExecutions(x => x.UseInMemoryStore().Configure(o => o.NodeId = " "));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("NodeId", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingStore_IsNamedWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x.AddRealTimeInterface("public-api"));

        var e = Assert.Throws<InvalidOperationException>(() => services.BuildServiceProvider().GetRequiredService<IExecutionStore>());

        Assert.Contains("UseInMemoryStore()", e.Message, StringComparison.Ordinal);
    }
}
