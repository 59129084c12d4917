
namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>NotJudged: no baseline and one measurement, so no line to judge pace by. Met / Missed: the target date has passed.</summary>
public enum TargetState { OnTrack, AtRisk, NoProgress, NotJudged, Met, Missed }
