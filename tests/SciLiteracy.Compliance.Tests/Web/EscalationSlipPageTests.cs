using System.Net;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>The numbered 督办单 on the board: the list, the printable slip and the 督办单台账, for the office only.</summary>
public sealed class EscalationSlipPageTests
{
    [Fact]
    public async Task The_office_lists_prints_and_exports_the_numbered_slips_and_nobody_else_sees_them()
    {
        var pipeline = new PipelineHarness();
        var escalate = pipeline.Ladder("test.report", "beta").Single(n => n.Kind == NotificationKind.Escalate).SendAt.ToInstant();
        pipeline.StartServiceBefore(escalate - Duration.FromDays(1));
        await pipeline.Cycle().RunAsync(escalate, CancellationToken.None);
        var beta = pipeline.Store.EscalationNumbers().Single(n => n.Key.UnitId == "beta" && n.Key.ObligationId == "test.report");
        var text = $"测试纲要办督〔2025〕{beta.Number}号";
        await using var web = await WebHarness.StartAsync(escalate + Duration.FromHours(1), pipeline: pipeline);

        using var anonymous = web.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/board/duban")).StatusCode);

        using var office = await web.OfficeClient();
        var list = WebUtility.HtmlDecode(await office.GetStringAsync("/board/duban"));
        Assert.Contains(text, list);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(list, "测试纲要办督〔2025〕\\d号").Count);
        var slip = WebUtility.HtmlDecode(await office.GetStringAsync($"/board/duban/testcounty/2025/{beta.Number}"));
        Assert.Contains("测试县全民科学素质工作督办单", slip);
        Assert.Contains(text, slip);
        Assert.Contains("红色督办", slip);
        Assert.Contains("乙局 乙局局长", slip); // whom it went to
        Assert.Contains("""<link rel="stylesheet" href="/board/duban.css">""", slip);
        var css = await office.GetStringAsync("/board/duban.css");
        Assert.Contains("@media print", css);
        Assert.Contains("header,.noprint{display:none}", css);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/board/duban/testcounty/2025/99")).StatusCode);

        var csv = await office.GetStringAsync("/board/duban.csv");
        Assert.Contains("督办单编号", csv);
        Assert.Contains(text, csv);
        Assert.Contains("乙局", csv);
    }
}
