using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>NotJudged: no baseline and one measurement, so no line to judge pace by. Met / Missed: the target date has passed.</summary>
public enum TargetState { OnTrack, AtRisk, NoProgress, NotJudged, Met, Missed }
