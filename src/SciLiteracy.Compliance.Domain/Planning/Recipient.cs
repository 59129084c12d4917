using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>A person a step goes to, with their addresses (email, and any further channels they named).</summary>
public sealed record Recipient(string UnitId, string UnitName, Role Role, string Name, string Email)
{
    public ImmutableDictionary<string, string> Channels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? AddressOn(string channel) => ChannelNames.AddressOn(channel, Email, Channels);
}
