namespace SciLiteracy.Compliance.Domain.Scheduling;

public enum OffsetUnit { Days, WorkingDays }
