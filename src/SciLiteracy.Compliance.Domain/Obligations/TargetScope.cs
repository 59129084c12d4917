namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>Whom a target is judged for: each responsible unit on its own, or once for the whole area.</summary>
public enum TargetScope { Unit, Area }
