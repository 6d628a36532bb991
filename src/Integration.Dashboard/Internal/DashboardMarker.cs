namespace Integration.Dashboard.Internal;

/// <summary>Registered by <c>AddDashboard</c>, so that mapping the console without it fails with a clear message.</summary>
internal sealed class DashboardMarker;
