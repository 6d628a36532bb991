namespace Integration.Storage;

/// <summary>
/// The database could not be reached or opened (it is down, the network is, the file's folder is not mounted yet):
/// a condition that may pass, unlike a malformed connection string or a schema from a newer package. The store
/// initializers let the host start on it, and the store tries again on its next use. Compiled into each SQL store package.
/// </summary>
internal sealed class StoreUnavailableException(string message, Exception innerException) : InvalidOperationException(message, innerException);
