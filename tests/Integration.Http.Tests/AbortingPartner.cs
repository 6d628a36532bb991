using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Integration.Http.Tests;

/// <summary>
/// A partner on 127.0.0.1 that answers every request with a status, headers and the first part of a body, then
/// closes the connection (or, with <c>hang</c>, sends nothing more until disposed): the body never reaches the
/// length it announced. Raw TCP, so that what reaches the client (headers and exactly <c>sent</c> bytes) is certain.
/// </summary>
public sealed class AbortingPartner : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly string _contentType;
    private readonly int _announced;
    private readonly int _sent;
    private readonly string _status;
    private readonly bool _hang;

    public AbortingPartner(string contentType, int announced, int sent, string status = "200 OK", bool hang = false)
    {
        (_contentType, _announced, _sent, _status, _hang) = (contentType, announced, sent, status, hang);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _serving = ServeAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>The byte every body is made of.</summary>
    public static byte Filler => (byte)'b';

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            await ReadRequestHeadAsync(stream, _stop.Token);
            var head = $"HTTP/1.1 {_status}\r\nContent-Type: {_contentType}\r\nContent-Length: {_announced}\r\nConnection: close\r\n\r\n";
            byte[] answer = [.. Encoding.ASCII.GetBytes(head), .. Enumerable.Repeat(Filler, _sent)];
            await stream.WriteAsync(answer, _stop.Token);
            await stream.FlushAsync(_stop.Token);

            if (_hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            // Everything written arrives before the end of the stream: the client sees a body cut short, never a lost head.
            client.Client.Shutdown(SocketShutdown.Send);
        }
    }

    private static async Task ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var seen = new List<byte>();
        var buffer = new byte[1];
        while (!(seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n'))
        {
            if (await stream.ReadAsync(buffer, cancellationToken) == 0)
            {
                return;
            }

            seen.Add(buffer[0]);
        }
    }
}
