using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Domain.Obligations;

public enum Relation { Unit, Lead, Office, Leadership, SubmitTo, Named }
