using System.Text.Json;
using SciLiteracy.Compliance.State.Sqlite;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Cli;

/// <summary>submit, status and simulate as the real scilit process.</summary>
public sealed class StateVerbTests
{
    [Fact]
    public void Simulate_over_Xunwu_twice_gives_identical_output_and_eml_files_and_as_many_digests_as_plan_predicts_after_grouping()
    {
        using var temp = new TempDir();
        var rules = TestRules.CopyXunwu(temp);
        string[] Args(string outbox) => ["simulate", "--rules", rules, "--from", "2024-11-01", "--to", "2026-01-31", "--outbox", outbox, "--format", "json"];

        var first = ScilitProcess.Run(temp.Path, Args(temp["out1"]));
        var second = ScilitProcess.Run(temp.Path, Args(temp["out2"]));

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);
        var files1 = Directory.GetFiles(temp["out1"]).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files1, Directory.GetFiles(temp["out2"]).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        Assert.All(files1, f => Assert.Equal(File.ReadAllBytes(Path.Combine(temp["out1"], f!)), File.ReadAllBytes(Path.Combine(temp["out2"], f!))));

        var plan = ScilitProcess.Run(temp.Path, "plan", "--rules", rules, "--from", "2024-11-01", "--to", "2026-01-31", "--format", "json");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        // Digests only: plan also lists the weekly summaries, which travel on their own.
        var predicted = JsonDocument.Parse(plan.Stdout).RootElement.EnumerateArray()
            .Where(o => o.GetProperty("obligation").GetString() != "weekly-summary")
            .SelectMany(o => o.GetProperty("notifications").EnumerateArray())
            .SelectMany(n => n.GetProperty("recipients").EnumerateArray().Select(r => (r.GetString(), n.GetProperty("sendAt").GetString())))
            .Distinct().Count();
        var messages = JsonDocument.Parse(first.Stdout).RootElement.GetProperty("cycles").EnumerateArray()
            .SelectMany(c => c.GetProperty("messages").EnumerateArray()).ToList();
        var digests = messages.Count(m => m.GetProperty("items").EnumerateArray().All(i => i.GetProperty("kind").GetString() != "summary"));
        Assert.True(predicted > 0);
        Assert.Equal(predicted, digests);
        Assert.Equal(messages.Count, files1.Count);
    }

    [Fact]
    public void Submit_records_the_work_status_shows_it_and_simulate_from_that_state_sends_nothing_more_for_it()
    {
        using var temp = new TempDir();
        var rules = TestRules.WriteSmall(temp);
        var state = temp["state/compliance.db"];

        var wrongUnit = ScilitProcess.Run(temp.Path, "submit", "--rules", rules, "--state", state, "--obligation", "test.report", "--unit", "gamma", "--period", "2025");
        Assert.Equal(1, wrongUnit.ExitCode);
        Assert.StartsWith("error: unit 'gamma' is not responsible for test.report", wrongUnit.Stderr);
        var wrongPeriod = ScilitProcess.Run(temp.Path, "submit", "--rules", rules, "--state", state, "--obligation", "test.report", "--unit", "alpha", "--period", "2024");
        Assert.Equal(1, wrongPeriod.ExitCode);
        Assert.Contains("has no period '2024'", wrongPeriod.Stderr);

        var submit = ScilitProcess.Run(temp.Path, "submit", "--rules", rules, "--state", state,
            "--obligation", "test.report", "--unit", "alpha", "--period", "2025", "--at", "2025-12-10T10:00", "--by", "甲局联络员");
        Assert.True(submit.ExitCode == 0, submit.Stderr);

        var extend = ScilitProcess.Run(temp.Path, "extend", "--rules", rules, "--state", state,
            "--obligation", "test.plan", "--unit", "alpha", "--period", "2025", "--until", "2026-01-10", "--reason", "材料补充", "--at", "2025-12-18T15:00");
        Assert.True(extend.ExitCode == 0, extend.Stderr);

        var status = ScilitProcess.Run(temp.Path, "status", "--rules", rules, "--state", state, "--as-of", "2025-12-25", "--format", "json");
        Assert.True(status.ExitCode == 0, status.Stderr);
        var states = JsonDocument.Parse(status.Stdout).RootElement.EnumerateArray()
            .ToDictionary(e => e.GetProperty("obligation").GetString() + "/" + e.GetProperty("unit").GetString(), e => e.GetProperty("state").GetString());
        Assert.Equal("submitted", states["test.report/alpha"]);
        Assert.Equal("overdue", states["test.report/beta"]);
        Assert.Equal("extended", states["test.plan/alpha"]);

        var simulate = ScilitProcess.Run(temp.Path, "simulate", "--rules", rules, "--state", state, "--from", "2025-12-01", "--to", "2026-01-31",
            "--outbox", temp["outbox"], "--format", "json");
        Assert.True(simulate.ExitCode == 0, simulate.Stderr);
        var items = JsonDocument.Parse(simulate.Stdout).RootElement.GetProperty("cycles").EnumerateArray()
            .SelectMany(c => c.GetProperty("messages").EnumerateArray().SelectMany(m => m.GetProperty("items").EnumerateArray())).ToList();
        Assert.Contains(items, i => i.GetProperty("obligation").GetString() == "test.report" && i.GetProperty("unit").GetString() == "beta" && i.GetProperty("kind").GetString() == "escalate");
        var alpha = items.Where(i => i.GetProperty("obligation").GetString() == "test.report" && i.GetProperty("unit").GetString() == "alpha")
            .Select(i => i.GetProperty("kind").GetString() + "#" + i.GetProperty("step").GetInt32()).ToList();
        // Sent on 12-08, before the submission on 12-10; after it only the notice of 办结 cancelling that email's calendar invitation.
        Assert.Equal(["remind#1", "done#1"], alpha);
        // simulate works on a copy: the clerk's state file has no ledger rows afterwards.
        Assert.Empty(TestState.Open(state).Ledger());
    }

    [Fact]
    public void Status_refuses_a_state_file_from_a_newer_scilit_in_one_line()
    {
        using var temp = new TempDir();
        var rules = TestRules.WriteSmall(temp);
        var state = temp["state.db"];
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={state};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99;";
            cmd.ExecuteNonQuery();
        }

        var status = ScilitProcess.Run(temp.Path, "status", "--rules", rules, "--state", state);

        Assert.Equal(1, status.ExitCode);
        Assert.Equal($"{state}: error: state file has schema version 99, but this scilit understands up to {SqliteStateStore.SchemaVersion}; upgrade scilit (the file was not changed)",
            status.Stderr.Trim());
    }
}
