using NodaTime;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>At most <see cref="Count"/> requests to one robot in any <see cref="Per"/> (a half-open window: [t, t + Per)).</summary>
public sealed record RateLimit(int Count, Duration Per);
