using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Cli;

/// <summary>What submit, extend and status share: naming an occurrence, opening the state file, reading times.</summary>
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
    }

    /// <summary>The occurrence a command line names, or a one-line error saying which part is wrong.</summary>
    public static Occurrence? FindOccurrence(RuleSet rules, ParseResult parse, OccurrenceOptions o, CliOutput output)
    {
        var key = new OccurrenceKey(parse.GetValue(o.Obligation)!, parse.GetValue(o.Unit)!, parse.GetValue(o.Period)!);
        var planner = new Planner(rules);
        if (planner.Find(key) is { } found) return found;
        if (!rules.ObligationsById.TryGetValue(key.ObligationId, out var obligation))
            output.Err.WriteLine($"error: unknown obligation '{key.ObligationId}'{Hint(key.ObligationId, rules.ObligationsById.Keys)}");
        else if (!obligation.ResponsibleUnitIds.Contains(key.UnitId))
            output.Err.WriteLine($"error: unit '{key.UnitId}' is not responsible for {obligation.Id}{Hint(key.UnitId, obligation.ResponsibleUnitIds)}");
        else
            output.Err.WriteLine($"error: {obligation.Id} has no period '{key.Period}'; periods: " +
                string.Join(", ", obligation.Schedule.Periods().Select(p => p.Period).Take(12)));
        return null;
    }

    private static string Hint(string given, IEnumerable<string> known) => Rules.Diagnostics.DidYouMean.Hint(given, known);

    /// <summary>The office's state: PostgreSQL when State__Provider=postgres (docs/deploy.md), else the SQLite file --state names.</summary>
    public static IStateStore? OpenState(string path, CliOutput output) =>
        Environment.GetEnvironmentVariable("State__Provider") == "postgres"
            ? Opened(() => new State.Postgres.PostgresStateStore(Environment.GetEnvironmentVariable(MigrateVerb.ConnectionVariable) ?? ""), "", output)
            : OpenStateFile(path, output);

    public static IStateStore? OpenStateFile(string path, CliOutput output) => Opened(() => new SqliteStateStore(path), path, output);

    private static IStateStore? Opened(Func<IStateStore> open, string path, CliOutput output)
    {
        try { return open(); }
        catch (StateFileException e)
        {
            output.Err.WriteLine(e.Message);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            output.Err.WriteLine($"{path}: error: cannot open the state file: {e.Message}");
            return null;
        }
    }

    /// <summary>--at: when something was recorded, for entering it after the fact; default now.</summary>
    public static Option<string> AtOption(string what) =>
        new("--at") { Description = $"When it was {what} (local time, e.g. 2025-12-10T10:00); default now" };

    /// <summary>The --at moment, or now when absent; null after printing an error when it does not parse.</summary>
    public static Instant? MomentOrNow(ParseResult parse, Option<string> at, DateTimeZone zone, CliOutput output)
    {
        if (parse.GetValue(at) is not { } text) return SystemClock.Instance.GetCurrentInstant();
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
