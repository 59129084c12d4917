using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Application;

/// <summary>Where a `kind: target` occurrence stands: the latest measurement, the value expected then, and the state.</summary>
public sealed record TargetProgress(decimal Value, string Unit, decimal? Latest, string? LatestAsOf, decimal Expected, string State)
{
    public static TargetProgress? Of(Occurrence o, IReadOnlyList<ProgressRecord> progress, Instant now)
    {
        if (o.Obligation.Target is not { } target) return null;
        var today = now.InZone(o.Due.Zone).Date;
        var s = TargetStanding.Known(target, progress, o.Obligation.Id, o.Unit.Id, now, today);
        return new(target.Value, target.Unit, s.Latest?.Value, s.Latest is { } l ? Iso.Of(l.AsOf) : null,
            Math.Round(s.Expected, 4), TargetStanding.StateName(s.State));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"target {Value}{Unit}, latest {(Latest is { } l ? $"{l}{Unit} ({LatestAsOf})" : "none")}, expected {Expected:0.##}{Unit}: {State}");
}
