using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Cli;

/// <summary>ack, requests add|list|approve|reject and reopen as the real scilit process, and what status --format json shows of them.</summary>
public sealed class OccurrenceActVerbTests
{
    [Fact]
    public void Ack_request_approve_reject_and_reopen_are_recorded_with_who_when_why_and_shown_by_status()
    {
        using var temp = new TempDir();
        var rules = TestRules.WriteSmall(temp);
        var state = temp["state/compliance.db"];
        CliResult Run(params string[] args)
        {
            var r = ScilitProcess.Run(temp.Path, [.. args, "--state", state]);
            Assert.True(r.ExitCode == 0, $"scilit {string.Join(' ', args)}: {r.Stderr}");
            return r;
        }
        string[] Occurrence(string obligation, string unit) => ["--rules", rules, "--obligation", obligation, "--unit", unit, "--period", "2025"];

        Run(["ack", .. Occurrence("test.report", "beta"), "--by", "乙局联络员", "--at", "2025-12-09T10:00", "--note", "已收到"]);
        var asked = Run(["requests", "add", .. Occurrence("test.plan", "alpha"), "--until", "2026-01-20", "--reason", "材料补充", "--by", "甲局联络员", "--at", "2025-12-09T11:00"]);
        Assert.StartsWith("request #1: test.plan/alpha/2025 until 2026-01-20, pending", asked.Stdout);
        Run(["requests", "add", .. Occurrence("test.report", "alpha"), "--until", "2026-01-20", "--reason", "人手不足", "--by", "甲局联络员", "--at", "2025-12-09T11:05"]);
        Run("requests", "reject", "2", "--rules", rules, "--by", "纲要办", "--reason", "不予延期", "--at", "2025-12-09T15:00");
        var pending = JsonDocument.Parse(Run("requests", "list", "--format", "json").Stdout).RootElement;
        Assert.Equal(1, Assert.Single(pending.EnumerateArray()).GetProperty("id").GetInt64());
        Run(["submit", .. Occurrence("test.report", "alpha"), "--at", "2025-12-10T10:00", "--by", "甲局联络员"]);
        Run(["reopen", .. Occurrence("test.report", "alpha"), "--by", "纲要办", "--reason", "材料不全", "--at", "2025-12-11T10:00"]);

        var rows = JsonDocument.Parse(Run("status", "--rules", rules, "--as-of", "2025-12-12", "--format", "json").Stdout).RootElement.EnumerateArray()
            .ToDictionary(e => e.GetProperty("obligation").GetString() + "/" + e.GetProperty("unit").GetString());
        var beta = rows["test.report/beta"].GetProperty("acknowledged");
        Assert.Equal(("乙局联络员", "已收到", "cli"), (beta.GetProperty("by").GetString(), beta.GetProperty("reason").GetString(), beta.GetProperty("source").GetString()));
        Assert.Equal("2026-01-20", rows["test.plan/alpha"].GetProperty("requested").GetProperty("until").GetString());
        Assert.Equal("open", rows["test.report/alpha"].GetProperty("state").GetString());
        Assert.Equal("材料不全", rows["test.report/alpha"].GetProperty("reopened").GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, rows["test.report/alpha"].GetProperty("requested").ValueKind); // rejected: nothing pending

        var approved = Run("requests", "approve", "1", "--rules", rules, "--by", "纲要办", "--at", "2025-12-11T15:00");
        Assert.Contains("approved; due 2026-01-20", approved.Stdout);
        var extended = JsonDocument.Parse(Run("status", "--rules", rules, "--as-of", "2025-12-12", "--format", "json").Stdout).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("obligation").GetString() == "test.plan" && e.GetProperty("unit").GetString() == "alpha");
        Assert.Equal(("extended", "2026-01-20"), (extended.GetProperty("state").GetString(), extended.GetProperty("extendedUntil").GetString()));

        var twice = ScilitProcess.Run(temp.Path, "requests", "approve", "1", "--rules", rules, "--by", "纲要办", "--state", state);
        Assert.Equal((1, "error: request #1 is already approved"), (twice.ExitCode, twice.Stderr.Trim()));
    }
}
