namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>A drill's tally after the drain: late (arrived after the window, during the drain) apart from missing (never arrived).</summary>
public sealed record DrillCount(int Planned, int Delivered, int Late, int Missing, int Duplicates, IReadOnlyList<string> MissingDetail)
{
    public override string ToString() => $"planned {Planned}, delivered {Delivered}, late {Late}, missing {Missing}, duplicated {Duplicates}";
}
