using System.CommandLine;
using System.Globalization;
using NodaTime.Text;
using SciLiteracy.Compliance.Application;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit progress record|list`: measurements of quantified targets, kept in the state file.</summary>
public static class ProgressVerb
{
    /// <summary>The JSON contract of `progress list --format json`.</summary>
    public sealed record ProgressEntry(long Id, string Target, string Unit, decimal Value, string AsOf, string? Note, string RecordedAt);

    public static Command Create(CliOutput output)
    {
        var command = new Command("progress", "Record and list progress towards quantified targets (kind: target)");
        command.Subcommands.Add(Record(output));
        command.Subcommands.Add(List(output));
        return command;
    }

    private static Command Record(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var target = new Option<string>("--target") { Description = "Id of a kind: target obligation", Required = true };
        var value = new Option<string>("--value") { Description = "The indicator's value, e.g. 12.5", Required = true };
        var asOf = CommonOptions.Date("--as-of", "The date the value was measured (YYYY-MM-DD)");
        var unit = new Option<string>("--unit") { Description = "The responsible unit the value is for; needed when the target has several" };
        var note = new Option<string>("--note") { Description = "A short note, e.g. the source of the figure" };
        var at = StateVerbSupport.AtOption("recorded");
        var command = new Command("record", "Record one measurement of a target") { rules, state, target, value, asOf, unit, note, at };
        command.SetAction(parse =>
        {
            // The state file first: one from a newer scilit is refused before anything else is read or written.
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var record = new RecordProgress(set, store);
            var obligation = record.Target(parse.GetValue(target)!);
            var text = parse.GetValue(value)!;
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                output.Err.WriteLine($"error: --value '{text}' is not a number; expected e.g. 12.5");
                return 1;
            }
            var unitId = RecordProgress.UnitOf(obligation, parse.GetValue(unit));
            var day = parse.GetValue(asOf);
            if (StateVerbSupport.MomentOrNow(parse, at, set.DirectoryOf(obligation).Jurisdiction.TimeZone, output) is not { } recordedAt) return 1;
            var id = record.Run(obligation, unitId, number, day, parse.GetValue(note), recordedAt);
            var targetId = obligation.Id;
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recorded #{id}: {targetId} {unitId} {number}{obligation.Target!.Unit} as of {LocalDatePattern.Iso.Format(day)}"));
            return 0;
        });
        return command;
    }

    private static Command List(CliOutput output)
    {
        var state = CommonOptions.State();
        var target = new Option<string>("--target") { Description = "Only this target" };
        var format = CommonOptions.Format();
        var command = new Command("list", "List recorded measurements, by target, unit and date") { state, target, format };
        command.SetAction(parse =>
        {
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var records = store.Progress(parse.GetValue(target));
            var entries = records.Select(r => new ProgressEntry(r.Id, r.Target, r.Unit, r.Value, LocalDatePattern.Iso.Format(r.AsOf), r.Note,
                InstantPattern.ExtendedIso.Format(r.RecordedAt))).ToList();
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(entries));
            else
            {
                foreach (var e in entries)
                    output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.AsOf}  {e.Target}  {e.Unit}  {e.Value}{(e.Note is null ? "" : "  " + e.Note)}"));
                output.Out.WriteLine($"{entries.Count} record(s)");
            }
            return 0;
        });
        return command;
    }
}
