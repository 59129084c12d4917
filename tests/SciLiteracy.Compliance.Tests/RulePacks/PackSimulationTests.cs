using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using SciLiteracy.Compliance.Composition;

namespace SciLiteracy.Compliance.Tests.RulePacks;

/// <summary>
/// Each pack simulated over 2025-01-01..2026-01-31 through the real pipeline: the 2025 yearly reports, the
/// summary-evaluation chain and the commendation each reach the units the plan names.
/// </summary>
public class PackSimulationTests
{
    private static readonly RuleSet Shipped = RuleSetCompilation.Load(Repo.Path("rules")).Rules
        ?? throw new InvalidOperationException("the shipped rules do not validate");

    public static TheoryData<string> Packs() => ["xunwu", "yichun", "shanwei-chengqu", "linyi", "zhangping"];

    [Theory]
    [MemberData(nameof(Packs))]
    public async Task A_simulated_2025_reaches_every_unit_of_the_yearly_reports_the_evaluation_chain_and_the_commendation(string pack)
    {
        var rules = Shipped.Only(pack);
        using var temp = new TempDir();
        var store = TestState.Open(temp["state.db"], durable: false);
        var cycle = CompliancePipeline.Create(new StaticRuleSource(rules), store, [new EmailChannel(new MemoryTransport(), new PipelineOptions().From)], Repo.Path("rules"), new PipelineOptions());

        var outcomes = await Simulation.RunAsync(cycle, store, rules, new PipelineOptions(), new LocalDate(2025, 1, 1), new LocalDate(2026, 1, 31), CancellationToken.None);

        var reached = outcomes.SelectMany(o => o.Sent).SelectMany(m => m.Rows)
            .Select(r => (r.Key, Recipient: r.Recipient.ToLowerInvariant())).ToHashSet();
        var directory = rules.Directories[pack];
        var planner = new Planner(rules);
        var due2025 = planner.Occurrences(new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31)).ToList();

        var yearlyReports = due2025.Where(o => o.Obligation.Kind == ObligationKind.Report && o.Obligation.Schedule is YearlySchedule).ToList();
        var evaluations = due2025.Where(o => o.Obligation.Kind == ObligationKind.Evaluation).ToList();
        var commendations = due2025.Where(o => o.Obligation.Kind == ObligationKind.Commendation).ToList();
        Assert.NotEmpty(yearlyReports);
        Assert.NotEmpty(evaluations);
        Assert.NotEmpty(commendations);

        var missed = yearlyReports.Concat(evaluations).Concat(commendations)
            .Where(o => !directory.PeopleOf(o.Unit.Id, Role.Liaison).Any(p => reached.Contains((o.Key, p.Email.ToLowerInvariant()))))
            .Select(o => $"{o.Key} ({o.Obligation.Kind}, due {o.Due:uuuu-MM-dd}) never reached {o.Unit.Name}'s liaison")
            .ToList();
        Assert.Empty(missed);
    }
}
