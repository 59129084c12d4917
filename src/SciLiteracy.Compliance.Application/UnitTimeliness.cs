namespace SciLiteracy.Compliance.Application;

/// <summary>One row of the 通报: a unit's items of the year, on time, late (with the days late), missed and extensions granted.</summary>
public sealed record UnitTimeliness(
    int Rank, string JurisdictionId, string UnitId, string UnitName,
    int Items, int OnTime, int Late, int LateDays, int Missed, int Extensions, decimal Score);
