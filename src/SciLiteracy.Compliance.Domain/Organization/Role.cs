
namespace SciLiteracy.Compliance.Domain.Organization;

/// <summary>Roles a person holds for a unit: 联络员, 主要负责人, 分管负责人.</summary>
public enum Role { Liaison, Head, Deputy }
