using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

public enum Relation { Unit, Lead, Office, Leadership, SubmitTo, Named }
