using System.Collections.Immutable;

namespace SciLiteracy.Compliance.Domain.Organization;

/// <summary>The channels notifications travel on, by name: <c>email</c> always; others as a build registers them.</summary>
public static class ChannelNames
{
    public const string Email = "email";

    /// <summary>The address on <paramref name="channel"/>: the email address for email, else the one the person named for it.</summary>
    public static string? AddressOn(string channel, string email, ImmutableDictionary<string, string> others) =>
        channel == Email ? email : others.GetValueOrDefault(channel);
}
