using NodaTime;

namespace SciLiteracy.Compliance.Domain.Plans;

/// <summary>This obligation replaces <paramref name="ObligationId"/> from a date: the other plans no occurrence due on or after it.</summary>
public sealed record Supersession(string ObligationId, LocalDate From);
