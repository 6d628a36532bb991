namespace Integration.Tests;

public sealed class ErrorCategoryTests
{
    [Theory]
    [InlineData(ErrorCategory.External, "Re-run; if it still fails, contact the provider.", "[EXTERNAL]")]
    [InlineData(ErrorCategory.Configuration, "Check the configuration.", "[CONFIGURATION]")]
    [InlineData(ErrorCategory.Mapping, "Check the mappings.", "[MAPPING]")]
    [InlineData(ErrorCategory.Technical, "Contact support.", "[TECHNICAL]")]
    [InlineData(ErrorCategory.Cascade, "Look at the errors above.", "[CASCADE]")]
    public void EachCategory_HasTheActionSupportTakes(ErrorCategory category, string action, string indicator)
    {
        Assert.Equal(action, category.Action());
        Assert.Equal(indicator, category.Indicator());
        Assert.False(string.IsNullOrWhiteSpace(category.Meaning()));
    }

    [Fact]
    public void UnknownCategory_IsRejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => ((ErrorCategory)42).Action());

    [Fact]
    public void ErrorCounts_AddAndIndexByCategory()
    {
        var counts = default(ErrorCounts).Add(ErrorCategory.Mapping).Add(ErrorCategory.Mapping).Add(ErrorCategory.Cascade);

        Assert.Equal(2, counts[ErrorCategory.Mapping]);
        Assert.Equal(1, counts.Cascade);
        Assert.Equal(3, counts.Total);
    }

    [Fact]
    public void TypedExceptions_StateTheirCategory()
    {
        Assert.Equal(ErrorCategory.External, new ExternalSystemException("x").Category);
        Assert.Equal(ErrorCategory.Configuration, new ConfigurationException("x").Category);
        Assert.Equal(ErrorCategory.Mapping, new MappingException("x").Category);
    }
}
