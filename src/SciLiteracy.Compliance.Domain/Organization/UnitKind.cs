
namespace SciLiteracy.Compliance.Domain.Organization;

public enum UnitKind { Leadership, Office, Lead, Member, Township, Other }
