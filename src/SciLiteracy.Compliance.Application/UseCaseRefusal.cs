namespace SciLiteracy.Compliance.Application;

/// <summary>Why a use case refused, for a front end that says it in its own words (the web's Chinese pages).</summary>
public enum UseCaseRefusal
{
    /// <summary>No such obligation, unit, period or request.</summary>
    NotFound,

    /// <summary>The occurrence is closed (办结): nothing to acknowledge or extend.</summary>
    Closed,

    /// <summary>The occurrence is not closed: nothing to reopen.</summary>
    NotClosed,

    /// <summary>A reason is required and none was given.</summary>
    ReasonMissing,

    /// <summary>The requested date is not after the current due date.</summary>
    DateNotLater,

    /// <summary>The requested date is not a working day of the jurisdiction's calendar.</summary>
    DayOff,

    /// <summary>The request was decided already.</summary>
    AlreadyDecided,
}
