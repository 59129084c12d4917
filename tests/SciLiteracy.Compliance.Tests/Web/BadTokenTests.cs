using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>
/// Every kind of bad link — altered, cut short, expired, of another key, recipient, occurrence or purpose, used after
/// the occurrence closed — gets a page in Chinese with a 4xx status, by GET and by POST, and changes nothing.
/// </summary>
public sealed class BadTokenTests
{
    private const string Alpha = "liaison.alpha@test.example.org";
    private static readonly Instant Now = Instant.FromUtc(2025, 12, 1, 2, 0);
    private static readonly OccurrenceKey Report = new("test.report", "alpha", "2025");

    private sealed record Case(string Name, Func<Tokens, (string Slug, string Token)> Make, HttpStatusCode Status, string Title);

    private sealed record Tokens(byte[] Key, ActionTokenSigner Signer, ActionToken Ack, ActionToken Done, ActionToken Extend)
    {
        public string Sign(ActionToken t) => Signer.Sign(t);
    }

    private static readonly Case[] Cases =
    [
        new("not a token", _ => ("ack", "not-a-token"), HttpStatusCode.BadRequest, "链接无效"),
        new("payload without signature", t => ("ack", t.Sign(t.Ack).Split('.')[0]), HttpStatusCode.BadRequest, "链接无效"),
        new("empty signature", t => ("ack", t.Sign(t.Ack).Split('.')[0] + "."), HttpStatusCode.BadRequest, "链接无效"),
        new("a third part", t => ("ack", t.Sign(t.Ack) + ".AAAA"), HttpStatusCode.BadRequest, "链接无效"),
        new("payload cut at the front", t => ("ack", t.Sign(t.Ack)[1..]), HttpStatusCode.BadRequest, "链接无效"),
        new("signature short of one character", t => ("ack", t.Sign(t.Ack)[..^1]), HttpStatusCode.BadRequest, "链接无效"),
        new("signature cut in half", t => ("ack", Half(t.Sign(t.Ack))), HttpStatusCode.BadRequest, "链接无效"),
        new("signature altered", t => ("ack", Flip(t.Sign(t.Ack), fromEnd: 3)), HttpStatusCode.BadRequest, "链接无效"),
        new("payload altered", t => ("ack", Flip(t.Sign(t.Ack), fromEnd: 50)), HttpStatusCode.BadRequest, "链接无效"),
        new("obligation swapped, old signature", t => ("ack", Swap(t, t.Ack, t.Ack with { Key = t.Ack.Key with { ObligationId = "test.plan" } })), HttpStatusCode.BadRequest, "链接无效"),
        new("unit swapped, old signature", t => ("ack", Swap(t, t.Ack, t.Ack with { Key = t.Ack.Key with { UnitId = "beta" } })), HttpStatusCode.BadRequest, "链接无效"),
        new("period swapped, old signature", t => ("ack", Swap(t, t.Ack, t.Ack with { Key = t.Ack.Key with { Period = "2026" } })), HttpStatusCode.BadRequest, "链接无效"),
        new("recipient swapped, old signature", t => ("ack", Swap(t, t.Ack, t.Ack with { Recipient = "liaison.beta@test.example.org" })), HttpStatusCode.BadRequest, "链接无效"),
        new("purpose swapped, old signature", t => ("done", Swap(t, t.Ack, t.Done)), HttpStatusCode.BadRequest, "链接无效"),
        new("expiry pushed back, old signature", t => ("ack", Swap(t, t.Ack, t.Ack with { Expires = t.Ack.Expires + Duration.FromDays(365) })), HttpStatusCode.BadRequest, "链接无效"),
        new("valid token of another key", t => ("ack", new ActionTokenSigner(RandomNumberGenerator.GetBytes(32)).Sign(t.Ack)), HttpStatusCode.BadRequest, "链接无效"),
        new("another version, validly signed", t => ("ack", SignRaw(t, "v2", t.Ack)), HttpStatusCode.BadRequest, "链接无效"),
        new("unknown purpose, validly signed", t => ("ack", SignRaw(t, "v1", t.Ack, purpose: "delete")), HttpStatusCode.BadRequest, "链接无效"),
        new("far too long", t => ("ack", new string('A', 3000) + "." + new string('A', 43)), HttpStatusCode.BadRequest, "链接无效"),
        new("expired a second ago", t => ("ack", t.Sign(t.Ack with { Expires = Now - Duration.FromSeconds(1) })), HttpStatusCode.Gone, "链接已过期"),
        new("expired long ago", t => ("done", t.Sign(t.Done with { Expires = Instant.FromUtc(2020, 1, 1, 0, 0) })), HttpStatusCode.Gone, "链接已过期"),
        new("签收 token at the 办结 page", t => ("done", t.Sign(t.Ack)), HttpStatusCode.BadRequest, "链接与操作不符"),
        new("办结 token at the 延期 page", t => ("extend", t.Sign(t.Done)), HttpStatusCode.BadRequest, "链接与操作不符"),
        new("延期 token at the 签收 page", t => ("ack", t.Sign(t.Extend)), HttpStatusCode.BadRequest, "链接与操作不符"),
        new("a page that does not exist", t => ("delete", t.Sign(t.Ack)), HttpStatusCode.BadRequest, "链接与操作不符"),
        new("another occurrence that does not exist", t => ("ack", t.Sign(t.Ack with { Key = t.Ack.Key with { Period = "2031" } })), HttpStatusCode.NotFound, "事项不存在"),
        new("another recipient, a stranger", t => ("ack", t.Sign(t.Ack with { Recipient = "someone@evil.example" })), HttpStatusCode.Forbidden, "无权办理"),
        new("another unit's liaison", t => ("done", t.Sign(t.Done with { Recipient = "liaison.beta@test.example.org" })), HttpStatusCode.Forbidden, "无权办理"),
    ];

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    [Fact]
    public void The_table_holds_at_least_twenty_kinds_of_bad_link() => Assert.True(Cases.Length >= 20, $"{Cases.Length} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_bad_link_is_refused_in_Chinese_with_a_4xx_by_GET_and_by_POST_and_changes_nothing(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        RecordingActions? recorder = null;
        await using var web = await WebHarness.StartAsync(Now, actions: p => recorder = new RecordingActions(new UseCaseOccurrenceActions(new StaticRuleSource(p.Set), p.Store)));
        var expires = web.Links.DefaultExpiry(web.Pipeline.Occurrence("test.report", "alpha"));
        var tokens = new Tokens(web.Key, web.Signer, new(Report, Alpha, ActionPurpose.Acknowledge, expires), new(Report, Alpha, ActionPurpose.Complete, expires), new(Report, Alpha, ActionPurpose.RequestExtension, expires));
        var (slug, token) = c.Make(tokens);
        using var client = web.Client();
        // A genuine page first, for an antiforgery field: the POST below is refused for its link, not for forgery.
        var genuine = await client.GetStringAsync($"/a/ack/{tokens.Sign(tokens.Ack)}");
        var before = Snapshot(web);

        var get = await client.GetAsync($"/a/{slug}/{token}");
        var post = await client.PostAsync($"/a/{slug}/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebHarness.Antiforgery(genuine), ["note"] = "已完成", ["until"] = "2026-01-10", ["reason"] = "材料补充",
        }));

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(c.Status, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("lang=\"zh-CN\"", body);
            Assert.Contains(c.Title, body);
            Assert.DoesNotContain("<form", body);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
        Assert.Empty(recorder!.Changes);
        Assert.Equal(before, Snapshot(web));
    }

    [Fact]
    public async Task Every_link_of_an_occurrence_is_refused_after_it_closed_and_the_replay_changes_nothing()
    {
        await using var web = await WebHarness.StartAsync(Now);
        var done = web.Link("test.report", "alpha", Alpha, ActionPurpose.Complete);
        using var client = web.Client();
        var closed = await WebHarness.PostForm(client, new Uri(done).PathAndQuery, new Uri(done).PathAndQuery, new Dictionary<string, string> { ["note"] = "第一次办结" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var submitted = Assert.Single(web.Pipeline.Store.Submissions()).Value;
        Assert.Contains("第一次办结", submitted.Note);
        var before = Snapshot(web);

        foreach (var purpose in Enum.GetValues<ActionPurpose>())
        {
            var path = new Uri(web.Link("test.report", "alpha", Alpha, purpose)).PathAndQuery;
            var get = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
            Assert.Contains("事项已办结", await get.Content.ReadAsStringAsync());
            var post = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["note"] = "重放" }));
            Assert.True((int)post.StatusCode is >= 400 and < 500, $"{purpose}: {(int)post.StatusCode}");
        }
        Assert.Equal(before, Snapshot(web));
        Assert.DoesNotContain("重放", Assert.Single(web.Pipeline.Store.Submissions()).Value.Note);
    }

    /// <summary>What a link could change: submissions, extensions and the ledger.</summary>
    private static string Snapshot(WebHarness web) =>
        string.Join("\n", web.Pipeline.Store.Submissions().Values.Select(s => s.ToString()))
        + "|" + string.Join("\n", web.Pipeline.Store.Extensions().Values.Select(e => e.ToString()))
        + "|" + web.Pipeline.Store.Ledger().Count;

    private static string Half(string token)
    {
        var dot = token.IndexOf('.');
        return token[..(dot + 1 + (token.Length - dot - 1) / 2)];
    }

    private static string Flip(string token, int fromEnd)
    {
        var chars = token.ToCharArray();
        var i = chars.Length - fromEnd;
        if (chars[i] == '.') i--;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>The payload of <paramref name="claimed"/> under the signature of <paramref name="signed"/>.</summary>
    private static string Swap(Tokens t, ActionToken signed, ActionToken claimed) =>
        t.Sign(claimed).Split('.')[0] + "." + t.Sign(signed).Split('.')[1];

    /// <summary>A payload this code would never write, signed with the right key.</summary>
    private static string SignRaw(Tokens t, string version, ActionToken token, string? purpose = null)
    {
        var fields = string.Join('\n', version, token.Key.ObligationId, token.Key.UnitId, token.Key.Period, token.Recipient,
            purpose ?? ActionPurposes.Slug(token.Purpose), token.Expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var payload = Encoding.UTF8.GetBytes(fields);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(t.Key, payload));
    }
}
