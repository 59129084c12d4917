using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>The one-click links an email item carries for its recipient (签收, 办结, 申请延期); the web interface signs them.</summary>
public interface IActionLinkSource
{
    IReadOnlyList<ActionLink> For(Occurrence occurrence, string recipient);

    /// <summary>The office's board for one jurisdiction (login required), for the weekly summary; null without a web interface.</summary>
    string? Board(string jurisdictionId) => null;
}
