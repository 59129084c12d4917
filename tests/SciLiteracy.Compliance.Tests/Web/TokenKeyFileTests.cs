using System.Security.Cryptography;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>The signing key: generated once beside the state file (0600), or given in configuration; never short.</summary>
public sealed class TokenKeyFileTests
{
    [Fact]
    public void A_key_is_generated_once_readable_by_the_owner_only_and_reused()
    {
        using var temp = new TempDir();
        var state = temp["state/compliance.db"];
        var first = TokenKeyFile.Load(null, state);
        Assert.Equal(32, first.Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp["state/" + TokenKeyFile.FileName]));
        Assert.Equal(first, TokenKeyFile.Load(null, state));
        Assert.Empty(Directory.GetFiles(temp["state"], "*.tmp"));
    }

    [Fact]
    public void A_configured_key_is_used_and_nothing_is_written()
    {
        using var temp = new TempDir();
        var key = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(key, TokenKeyFile.Load(Convert.ToBase64String(key), temp["state/compliance.db"]));
        Assert.False(File.Exists(temp["state/" + TokenKeyFile.FileName]));
    }

    [Theory]
    [InlineData("c2hvcnQ=", "Web:TokenKey: 5 bytes; at least 32 are needed")]
    [InlineData("not base64!", "Web:TokenKey: not base64; generate one with `openssl rand -base64 32`")]
    public void A_short_or_garbled_configured_key_is_refused_in_one_line(string configured, string message)
    {
        using var temp = new TempDir();
        Assert.Equal(message, Assert.Throws<InvalidOperationException>(() => TokenKeyFile.Load(configured, temp["state/compliance.db"])).Message);
    }

    [Fact]
    public void A_token_verifies_under_its_key_until_its_expiry_and_not_a_second_after()
    {
        var signer = new ActionTokenSigner(RandomNumberGenerator.GetBytes(32));
        var expires = Instant.FromUtc(2026, 2, 18, 16, 0);
        var token = new ActionToken(new OccurrenceKey("a.b", "unit-1", "2025-W03"), "liaison@example.org", ActionPurpose.RequestExtension, expires);
        var text = signer.Sign(token);
        Assert.Equal((token, (TokenRefusal?)null), signer.Verify(text, expires - Duration.FromSeconds(1)));
        Assert.Equal(TokenRefusal.Expired, signer.Verify(text, expires).Refusal);
        Assert.DoesNotContain('+', text);
        Assert.DoesNotContain('/', text);
    }
}
