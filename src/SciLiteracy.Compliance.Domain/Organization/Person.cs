using System.Collections.Immutable;

namespace SciLiteracy.Compliance.Domain.Organization;

/// <summary>
/// A person holding a role for a unit. <see cref="Email"/> is the address on the email channel; <see cref="Channels"/>
/// names addresses on further channels (people.yaml `channels:`, channel name → address).
/// </summary>
public sealed record Person(string UnitId, Role Role, string Name, string Email)
{
    public ImmutableDictionary<string, string> Channels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The person's address on a channel, or null when they have none there.</summary>
    public string? AddressOn(string channel) => ChannelNames.AddressOn(channel, Email, Channels);
}
