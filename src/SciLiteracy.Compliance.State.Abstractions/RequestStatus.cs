namespace SciLiteracy.Compliance.State;

public enum RequestStatus { Pending, Approved, Rejected }
