using NodaTime;

namespace SciLiteracy.Compliance.Domain.Obligations;

public sealed record TargetValue(decimal Value, LocalDate AsOf);
