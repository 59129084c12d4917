namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>Whether an occurrence's work was submitted or its deadline extended (the state file); none when unknown.</summary>
public interface IOccurrenceStatus
{
    (bool Submitted, bool Extended) Status(OccurrenceKey key);
}
