using System.Net;
using System.Net.Sockets;

namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="DefaultErrorClassifier.Recognise"/> called directly, for the rows the hosted table of
/// Classification/DefaultErrorClassifierTests does not hold: what it does not recognise is null (Classify then says
/// Technical), and how it looks inside wrappers.
/// </summary>
public sealed class ErrorRecognitionFacts
{
    public static TheoryData<Exception, ErrorCategory?> Rows => new()
    {
        { new InvalidOperationException("bug"), null },
        { new AggregateException(), null },
        { new IOException("disk full"), null },
        { new TaskCanceledException("cancelled"), null },
        { new OperationCanceledException(), null },

        // Wrappers: the first inner exception of an aggregate, even nested; an I/O failure over a socket.
        { new AggregateException(new AggregateException(new TimeoutException())), ErrorCategory.External },
        { new AggregateException(new InvalidOperationException(), new TimeoutException()), null },
        { new IOException("reset", new SocketException((int)SocketError.ConnectionReset)), ErrorCategory.External },
#pragma warning disable SYSLIB0014 // WebException is obsolete, but old clients still throw it.
        { new WebException("name not resolved"), ErrorCategory.External },
#pragma warning restore SYSLIB0014

        // A status the partner answered decides, before the exception's type.
        { new HttpRequestException("407", null, HttpStatusCode.ProxyAuthenticationRequired), ErrorCategory.Configuration },
        { new HttpRequestException("410", null, HttpStatusCode.Gone), ErrorCategory.Configuration },
        { new HttpRequestException("304", null, HttpStatusCode.NotModified), ErrorCategory.Technical },
        { new HttpRequestException("418", null, (HttpStatusCode)418), ErrorCategory.Technical },
        { new HttpRequestException("599", null, (HttpStatusCode)599), ErrorCategory.External },
        { new HttpRequestException("no status", new SocketException()), ErrorCategory.External },

        // A typed exception's own category wins, wrapped or not.
        { new AggregateException(new ConfigurationException("missing key")), ErrorCategory.Configuration },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void AnException_IsRecognisedOrLeftToTheFallback(Exception exception, ErrorCategory? category)
        => Assert.Equal(category, DefaultErrorClassifier.Recognise(exception));
}
