using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>One unit's instance of an obligation for one period, with its due moment in local time.</summary>
public sealed record Occurrence(Obligation Obligation, Unit Unit, string Period, LocalDate NominalDue, ZonedDateTime Due)
{
    public OccurrenceKey Key => new(Obligation.Id, Unit.Id, Period);
}
