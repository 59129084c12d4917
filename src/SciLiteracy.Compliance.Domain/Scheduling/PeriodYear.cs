namespace SciLiteracy.Compliance.Domain.Scheduling;

/// <summary>Which year a yearly period names: the due date's own, or the year before (a report due in spring reports on last year).</summary>
public enum PeriodYear { Same, Previous }
