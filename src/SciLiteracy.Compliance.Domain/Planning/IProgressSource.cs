using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>The latest progress recorded towards a target by a unit (value and the date it was measured), if any.</summary>
public interface IProgressSource
{
    (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore);
}
