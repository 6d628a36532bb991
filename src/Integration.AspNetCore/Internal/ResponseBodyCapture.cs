using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Integration;

/// <summary>
/// Stands in for the response body feature while an endpoint runs: every byte still goes straight to the client,
/// and the first ones are copied for the log. Nothing is buffered or delayed; a file sent with SendFileAsync is
/// passed on untouched and only described.
/// </summary>
internal sealed class ResponseBodyCapture : IHttpResponseBodyFeature
{
    private readonly IHttpResponseBodyFeature _inner;
    private readonly byte[] _head;
    private int _kept;

    public ResponseBodyCapture(IHttpResponseBodyFeature inner, int limit)
    {
        _inner = inner;
        _head = new byte[limit];
        Stream = new TeeStream(inner.Stream, this);
        Writer = new TeePipeWriter(inner.Writer, this);
    }

    public Stream Stream { get; }

    public PipeWriter Writer { get; }

    public IHttpResponseBodyFeature Inner => _inner;

    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _kept);

    public long Written { get; private set; }

    public bool SentFile { get; private set; }

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        SentFile = true;
        return _inner.SendFileAsync(path, offset, count, cancellationToken);
    }

    public Task CompleteAsync() => _inner.CompleteAsync();

    public void Copy(ReadOnlySpan<byte> bytes)
    {
        if (_kept < _head.Length)
        {
            var kept = Math.Min(bytes.Length, _head.Length - _kept);
            bytes[..kept].CopyTo(_head.AsSpan(_kept));
            _kept += kept;
        }

        Written += bytes.Length;
    }
}
