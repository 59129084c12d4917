using Microsoft.Extensions.Configuration;
using NodaTime;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// Testing aid: a clock that reads StartAt at Anchor (a real instant; default: when the process started)
/// and runs Speed times faster than real time, so that months pass in seconds in drills.
/// </summary>
public sealed record VirtualClockSettings(Instant StartAt, double Speed, Instant? Anchor);
