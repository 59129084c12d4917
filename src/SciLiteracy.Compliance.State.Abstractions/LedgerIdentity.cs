using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>What makes a ledger row unique: occurrence, kind, step, channel and the lower-cased address.</summary>
public readonly record struct LedgerIdentity(OccurrenceKey Key, string Kind, int Step, string Channel, string Address)
{
    /// <summary>
    /// The text a message id is hashed from. Email rows hash as they did before the ledger had a channel, so a replay of
    /// the same rules writes the same .eml file names as the release before.
    /// </summary>
    public string HashText => Channel == ChannelNames.Email
        ? $"({Key}, {Kind}, {Step}, {Address})"
        : $"({Key}, {Kind}, {Step}, {Channel}, {Address})";
}
