namespace SciLiteracy.Compliance.Web.Tokens;

/// <summary>The names of purposes in tokens and URLs (/a/ack/…), and their labels on the page.</summary>
public static class ActionPurposes
{
    public static string Slug(ActionPurpose purpose) => purpose switch
    {
        ActionPurpose.Acknowledge => "ack",
        ActionPurpose.Complete => "done",
        _ => "extend",
    };

    public static ActionPurpose? FromSlug(string? slug) => slug switch
    {
        "ack" => ActionPurpose.Acknowledge,
        "done" => ActionPurpose.Complete,
        "extend" => ActionPurpose.RequestExtension,
        _ => null,
    };

    public static string Label(ActionPurpose purpose) => purpose switch
    {
        ActionPurpose.Acknowledge => "签收",
        ActionPurpose.Complete => "办结",
        _ => "申请延期",
    };
}
