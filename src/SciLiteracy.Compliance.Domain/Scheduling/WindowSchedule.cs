using NodaTime;

namespace SciLiteracy.Compliance.Domain.Scheduling;

/// <summary>A phase or any work to be done within a window; due at its end.</summary>
public sealed record WindowSchedule(LocalDate Start, LocalDate End, string? Label) : Schedule
{
    public string Period => Label ?? $"{Iso(Start)}..{Iso(End)}";
    public override IEnumerable<ScheduledPeriod> Periods() { yield return new(Period, End); }
    public override string Describe() => $"{Iso(Start)}至{Iso(End)}";
}
