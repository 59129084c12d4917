using NodaTime;

namespace SciLiteracy.Compliance.State;

/// <summary>Who changed the state, when, why and from where (<see cref="Sources"/>): every act a person takes records one.</summary>
public sealed record Act(string By, Instant At, string? Reason, string Source);
