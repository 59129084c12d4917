
namespace SciLiteracy.Compliance.Domain.Organization;

/// <summary>What happens to a due date that falls on a day off.</summary>
public enum DueAdjustment { None, PreviousWorkday, NextWorkday }
