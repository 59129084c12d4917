
namespace SciLiteracy.Compliance.Domain.Obligations;

public sealed record TemplateNames(string Remind, string Urge, string Escalate)
{
    public static readonly TemplateNames Default = new("reminder", "urging", "escalation");
}
