using NodaTime;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>The latest progress recorded towards a target by a unit (value and the date it was measured), if any.</summary>
public interface IProgressSource
{
    (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore);
}
