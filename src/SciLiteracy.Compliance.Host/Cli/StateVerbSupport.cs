using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Cli;

/// <summary>What the verbs on the state share: naming an occurrence, opening the state, reading who and when.</summary>
public static class StateVerbSupport
{
    public sealed record OccurrenceOptions(Option<string> Obligation, Option<string> Unit, Option<string> Period)
    {
        public static OccurrenceOptions Create() => new(
            new Option<string>("--obligation") { Description = "Obligation id, e.g. xunwu.yearly-report", Required = true },
            new Option<string>("--unit") { Description = "Responsible unit id, e.g. jiaoketi", Required = true },
            new Option<string>("--period") { Description = "Period label as `plan` shows it, e.g. 2025", Required = true });

        public void AddTo(Command command)
        {
            command.Options.Add(Obligation);
            command.Options.Add(Unit);
            command.Options.Add(Period);
        }

        public OccurrenceKey KeyOf(ParseResult parse) => new(parse.GetValue(Obligation)!, parse.GetValue(Unit)!, parse.GetValue(Period)!);
    }

    /// <summary>The options of a verb that acts on one occurrence: --rules, --state, the occurrence and --at.</summary>
    public sealed record OccurrenceVerb(Option<string> Rules, Option<string> State, OccurrenceOptions Occurrence, Option<string> At)
    {
        public static OccurrenceVerb Create(string done) =>
            new(CommonOptions.Rules(), CommonOptions.State(), OccurrenceOptions.Create(), AtOption(done));

        public Command AddTo(Command command)
        {
            command.Options.Add(Rules);
            command.Options.Add(State);
            command.Options.Add(At);
            Occurrence.AddTo(command);
            return command;
        }

        /// <summary>The rules, the named occurrence, the moment (--at or now) and the state, or null after a one-line error.</summary>
        public OccurrenceAct? Prepare(ParseResult parse, CliOutput output)
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(Rules)!, output) is not { } set) return null;
            var found = OccurrenceLookup.Find(set, Occurrence.KeyOf(parse));
            var zone = set.DirectoryOf(found.Obligation).Jurisdiction.TimeZone;
            if (MomentOrNow(parse, At, zone, output) is not { } when) return null;
            if (OpenState(parse.GetValue(State)!, output) is not { } store) return null;
            return new OccurrenceAct(set, found, zone, when, store);
        }
    }

    /// <summary>What a verb acting on one occurrence works with.</summary>
    public sealed record OccurrenceAct(RuleSet Rules, Occurrence Occurrence, DateTimeZone Zone, Instant At, IStateStore Store)
    {
        public Act By(string? who, string? reason) => new(who ?? "", At, reason, Sources.Cli);

        /// <summary>"xunwu.yearly-report/jiaoketi/2025 (成员单位年度实施情况报告, 县教科体局) at 2025-12-10T10:00:00+08:00"</summary>
        public string Described => $"{Occurrence.Key} ({Occurrence.Obligation.Title}, {Occurrence.Unit.Name}) at {Json.Iso(At.InZone(Zone))}";
    }

    /// <summary>
    /// The state store of State:Provider (sqlite: the file at <paramref name="location"/>; postgres: State:ConnectionString,
    /// docs/deploy.md), or null after a one-line error.
    /// </summary>
    public static IStateStore? OpenState(string location, CliOutput output)
    {
        try
        {
            var configuration = ComplianceConfiguration.Build();
            var provider = StateProviders.For(ComplianceConfiguration.StateProvider(configuration));
            return provider.Store.Open(provider.LocationOf(configuration, location));
        }
        catch (SettingsException e)
        {
            output.Err.WriteLine($"error: {e.Message}");
            return null;
        }
        catch (StateFileException e)
        {
            output.Err.WriteLine(e.Message);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Err.WriteLine($"{location}: error: cannot open the state file: {e.Message}");
            return null;
        }
    }

    /// <summary>The SQLite state file at <paramref name="path"/>, whatever State:Provider says (`migrate` reads it), or null after a one-line error.</summary>
    public static IStateStore? OpenStateFile(string path, CliOutput output)
    {
        try { return StateProviders.For(ComplianceDefaults.StateProvider).Store.Open(path); }
        catch (StateFileException e)
        {
            output.Err.WriteLine(e.Message);
            return null;
        }
    }

    /// <summary>--at: when something was recorded, for entering it after the fact; default now.</summary>
    public static Option<string> AtOption(string what) =>
        new("--at") { Description = $"When it was {what} (local time, e.g. 2025-12-10T10:00); default now" };

    /// <summary>--by: who did it (recorded with the act).</summary>
    public static Option<string> ByOption(bool required) => new("--by") { Description = "Who did it, e.g. 王明", Required = required };

    /// <summary>The --at moment, or now when absent; null after printing an error when it does not parse.</summary>
    public static Instant? MomentOrNow(ParseResult parse, Option<string> at, DateTimeZone zone, CliOutput output)
    {
        if (parse.GetValue(at) is not { } text) return output.Clock.GetCurrentInstant();
        if (ParseMoment(text, zone) is { } parsed) return parsed;
        output.Err.WriteLine($"error: --at '{text}' is not a time; expected YYYY-MM-DDTHH:MM (local) or with an offset");
        return null;
    }

    /// <summary>A moment given as local time of the jurisdiction (2025-12-10T10:00) or with an offset.</summary>
    public static Instant? ParseMoment(string text, DateTimeZone zone)
    {
        foreach (var pattern in new[] { "uuuu'-'MM'-'dd'T'HH':'mm", "uuuu'-'MM'-'dd'T'HH':'mm':'ss", "uuuu'-'MM'-'dd" })
            if (LocalDateTimePattern.CreateWithInvariantCulture(pattern).Parse(text) is { Success: true } local)
                return local.Value.InZoneLeniently(zone).ToInstant();
        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return withOffset.Success ? withOffset.Value.ToInstant() : null;
    }
}
