
namespace SciLiteracy.Compliance.Domain.Obligations;

public enum TargetDirection { Increase, Decrease }
