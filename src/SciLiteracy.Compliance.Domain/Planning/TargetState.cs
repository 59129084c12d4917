
namespace SciLiteracy.Compliance.Domain.Planning;

public enum TargetState { OnTrack, AtRisk, NoProgress }
