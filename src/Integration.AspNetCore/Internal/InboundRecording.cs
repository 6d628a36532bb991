using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>What every <see cref="InboundCallRecorder"/> of a host shares: the calls, the classifier chain, the capture limits, the clock and the log.</summary>
internal sealed record InboundRecording(
    IRealTimeCalls Calls,
    IErrorClassification Classification,
    ExchangeCaptureOptions Capture,
    TimeProvider Time,
    ILogger<InboundCallRecorder> Logger)
{
    /// <summary>Reads the shared parts from the host's services (the system clock when none is registered).</summary>
    public static InboundRecording From(IServiceProvider services) => new(
        services.GetRequiredService<IRealTimeCalls>(),
        services.GetRequiredService<IErrorClassification>(),
        services.GetRequiredService<IOptions<ExchangeCaptureOptions>>().Value,
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetRequiredService<ILogger<InboundCallRecorder>>());
}
