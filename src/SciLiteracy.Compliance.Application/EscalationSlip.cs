using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Application;

/// <summary>One 督办单 as the board prints it and the 台账 lists it.</summary>
public sealed record EscalationSlip(
    string Text,
    string JurisdictionId,
    string JurisdictionName,
    int Year,
    int Number,
    string Color,
    OccurrenceKey Key,
    int Step,
    string Title,
    string UnitName,
    string Period,
    LocalDate Due,
    LocalDate IssuedOn,
    IReadOnlyList<string> Recipients,
    string Clause,
    string Quote,
    bool Done);
