using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Loading;

/// <summary>
/// Second pass of loading: reads every entry with the whole rule set in view, so that references
/// across files (units, groups, ladders, templates) and duplicate ids are checked.
/// </summary>
internal sealed partial class RuleResolver(
    DiagnosticBag diagnostics, IReadOnlySet<string> templateNames, IReadOnlyDictionary<string, YearlyHolidayCalendar> calendars)
{
    private static readonly string[] JurisdictionKeys = ["id", "name", "fullName", "timeZone", "calendar", "sendTime", "dueTime", "adjust", "ladder", "escalationPrefix"];
    private static readonly string[] UnitKeys = ["id", "name", "kind", "parent", "lead"];
    private static readonly string[] GroupKeys = ["id", "name", "units", "kinds"];
    private static readonly string[] PersonKeys = ["unit", "role", "name", "email", "channels"];
    private static readonly string[] LadderKeys = ["id", "reminders", "escalation"];
    private static readonly string[] ReminderKeys = ["before", "to", "when"];
    private static readonly string[] EscalationKeys = ["after", "to", "when"];
    private static readonly string[] ObligationKeys =
        ["id", "title", "kind", "description", "source", "responsible", "lead", "submitTo", "schedule", "ladder",
         "reminders", "escalation", "when", "escalateWhen", "onError", "templates", "assumed", "assumedReason", "target", "notes",
         "plan", "standing", "termBasis", "supersedes"];
    private static readonly string[] ResponsibleKeys = ["unit", "units", "group"];
    private static readonly string[] ScheduleForms = ["once", "yearly", "every", "weekly", "monthly", "quarterly", "window"];
    private static readonly string[] ScheduleKeys = [.. ScheduleForms, "on", "from", "until", "label", "dueTime", "adjust", "periodYear"];
    private static readonly string[] WindowKeys = ["start", "end"];
    private static readonly string[] TemplateKeys = ["remind", "urge", "escalate"];
    private static readonly string[] TargetKeys = ["indicator", "baseline", "value", "by", "unit", "direction", "atRiskMargin", "scope", "contributors"];
    private static readonly string[] BaselineKeys = ["value", "asOf"];
    private static readonly string[] UnitKinds = ["leadership", "office", "lead", "member", "township", "other"];
    private static readonly string[] Roles = ["liaison", "head", "deputy"];
    private static readonly string[] ErrorPolicies = ["applies", "skip"];
    private static readonly string[] Relations = ["unit", "lead", "office", "leadership", "submitTo"];
    private static readonly string[] Adjustments = ["none", "previous-workday", "next-workday"];
    private static readonly string[] ObligationKinds = ["report", "plan", "meeting", "activity", "phase", "evaluation", "commendation", "target"];
    private static readonly string[] Directions = ["increase", "decrease"];
    private static readonly string[] TargetScopes = ["unit", "area"];
    private static readonly string[] PeriodYears = ["same", "previous"];
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private readonly Dictionary<string, JurisdictionScope> scopes = new(StringComparer.Ordinal);

    private sealed class JurisdictionScope(Jurisdiction jurisdiction, SourceSpan definedAt, YamlNode? ladderNode, string path)
    {
        public Jurisdiction Jurisdiction { get; } = jurisdiction;
        public SourceSpan DefinedAt { get; } = definedAt;
        public YamlNode? LadderNode { get; } = ladderNode;
        public string Path { get; } = path;
        public Dictionary<string, (Unit Unit, SourceSpan At)> Units { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (UnitGroup Group, SourceSpan At)> Groups { get; } = new(StringComparer.Ordinal);
        public List<Person> People { get; } = [];
        public Dictionary<string, (Ladder Ladder, SourceSpan At)> Ladders { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ImplementationPlan> Plans { get; } = new(StringComparer.Ordinal);
    }

    private RuleSet ResolveEntries(List<FileEntry> entries)
    {
        foreach (var e in entries.Where(e => e.Section == "jurisdiction")) ReadJurisdiction(e);

        // Units first (everything else refers to them), then the rest in an order that keeps references resolvable.
        var unitReaders = new List<(JurisdictionScope, MapReader)>();
        foreach (var e in Section(entries, "units")) if (ScopeOf(e) is { } s && ReadUnit(e, s) is { } r) unitReaders.Add((s, r));
        foreach (var (scope, reader) in unitReaders) CheckUnitReferences(scope, reader);
        foreach (var e in Section(entries, "groups")) if (ScopeOf(e) is { } s) ReadGroup(e, s);
        foreach (var e in Section(entries, "people")) if (ScopeOf(e) is { } s) ReadPerson(e, s);
        foreach (var e in Section(entries, "ladders")) if (ScopeOf(e) is { } s) ReadNamedLadder(e, s);
        foreach (var e in Section(entries, "plans")) if (ScopeOf(e) is { } s) ReadPlan(e, s);
        foreach (var scope in scopes.Values) CheckJurisdictionDefaults(scope);

        var obligations = new Dictionary<string, (Obligation Obligation, SourceSpan At)>(StringComparer.Ordinal);
        foreach (var e in Section(entries, "obligations"))
            if (ScopeOf(e) is { } s && ReadObligation(e, s) is { } o)
            {
                if (obligations.TryGetValue(o.Id, out var first))
                    diagnostics.Error(o.Location, $"duplicate obligation id '{o.Id}' (first defined at {first.At})");
                else obligations[o.Id] = (o, o.Location);
            }
        CheckSupersessions(obligations.Values.Select(o => o.Obligation));
        CheckTerms(obligations.Values.Select(o => o.Obligation));

        return new RuleSet(
            scopes.Values.Select(s => new UnitDirectory(s.Jurisdiction, s.Units.Values.Select(u => u.Unit), s.Groups.Values.Select(g => g.Group), s.People)),
            obligations.Values.Select(o => o.Obligation),
            calendars.ToDictionary(c => c.Key, c => (IWorkingCalendar)c.Value, StringComparer.Ordinal),
            scopes.Values.SelectMany(s => s.Plans.Values));
    }

    public RuleSet Resolve(List<FileEntry> entries)
    {
        var rules = ResolveEntries(entries);
        ReportDependents();
        return rules;
    }

    private static IEnumerable<FileEntry> Section(List<FileEntry> entries, string section) => entries.Where(e => e.Section == section);

    // ---- cascades: one broken root, one error ----------------------------------------------

    /// <summary>Rule files with an error of their own (unparsable, or not a valid rule file), with that error's index.</summary>
    public IReadOnlyList<(string FullPath, int Error)> BrokenFiles { get; init; } = [];

    /// <summary>Jurisdiction definitions that were refused, by the id they would have defined, with their first error's index.</summary>
    private readonly Dictionary<string, int> brokenJurisdictions = new(StringComparer.Ordinal);

    /// <summary>Per root error, the distinct places whose error only followed from it (not shown).</summary>
    private readonly Dictionary<int, HashSet<SourceSpan>> dependents = [];

    /// <summary>The error of the broken file or definition that would have defined <paramref name="id"/>, or -1.</summary>
    private int BrokenRootDefining(string id)
    {
        if (brokenJurisdictions.TryGetValue(id, out var error)) return error;
        var definesId = new Regex($@"^\s*(-\s*)?id\s*:\s*[""']?{Regex.Escape(id)}[""']?\s*(#.*)?$", RegexOptions.Multiline);
        foreach (var (fullPath, fileError) in BrokenFiles)
        {
            try
            {
                if (definesId.IsMatch(File.ReadAllText(fullPath))) return fileError;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // unreadable: its own error says so, and it defines nothing
            }
        }
        return -1;
    }

    private void ReportDependents()
    {
        foreach (var (root, places) in dependents)
            diagnostics.AppendToMessage(root, places.Count == 1 ? " (1 dependent error not shown)" : $" ({places.Count} dependent errors not shown)");
    }

    private JurisdictionScope? ScopeOf(FileEntry entry)
    {
        if (entry.JurisdictionId is null) return null; // the file's own jurisdiction error is reported already
        if (scopes.TryGetValue(entry.JurisdictionId, out var scope)) return scope;
        if (entry.JurisdictionNode is YamlScalarNode && BrokenRootDefining(entry.JurisdictionId) is var root and >= 0)
        {
            // Not a wrong reference: the definition is broken, and its error says why.
            if (!dependents.TryGetValue(root, out var places)) dependents[root] = places = [];
            places.Add(Nodes.At(entry.JurisdictionNode, entry.Path));
            return null;
        }
        if (entry.JurisdictionNode is YamlScalarNode)
            diagnostics.Error(Nodes.At(entry.JurisdictionNode, entry.Path),
                $"unknown jurisdiction '{Nodes.Truncate(entry.JurisdictionId)}'{DidYouMean.Hint(entry.JurisdictionId, scopes.Keys)}");
        return null;
    }

    // ---- jurisdiction ------------------------------------------------------------------------

    private void ReadJurisdiction(FileEntry e)
    {
        var before = diagnostics.Count;
        var r = new MapReader(e.Node, e.Path, diagnostics, "the jurisdiction", JurisdictionKeys);
        if (!r.IsValid) return;
        var id = r.Id("id", required: true);
        try
        {
            ReadJurisdiction(e, r, id);
        }
        finally
        {
            if (id is not null && !scopes.ContainsKey(id) && diagnostics.FirstErrorFrom(before) is var error and >= 0)
                brokenJurisdictions.TryAdd(id, error);
        }
    }

    private void ReadJurisdiction(FileEntry e, MapReader r, string? id)
    {
        var name = r.String("name", required: true);
        var zoneId = r.String("timeZone") ?? "Asia/Shanghai";
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null)
            r.Error("timeZone", $"unknown time zone '{Nodes.Truncate(zoneId)}'{DidYouMean.Hint(zoneId, DateTimeZoneProviders.Tzdb.Ids)}; use an IANA id such as Asia/Shanghai");
        var calendar = r.Id("calendar") ?? "cn-mainland";
        if (!calendars.ContainsKey(calendar))
            diagnostics.Warning(r.SpanOf("calendar"),
                $"no data for calendar '{calendar}'{DidYouMean.Hint(calendar, calendars.Keys)} (add calendars/{calendar}/<year>.yaml): " +
                "working days are taken as Monday to Friday, without holidays or adjusted working days");
        var sendTime = r.Time("sendTime") ?? new LocalTime(9, 0);
        var dueTime = r.Time("dueTime") ?? Jurisdiction.EndOfDay;
        var adjust = ParseAdjust(r) ?? DueAdjustment.None;
        var ladder = r.Id("ladder");
        if (id is null || name is null || zone is null) return;
        if (scopes.TryGetValue(id, out var existing))
        {
            r.Error("id", $"duplicate jurisdiction id '{id}' (first defined at {existing.DefinedAt})");
            return;
        }
        scopes[id] = new JurisdictionScope(
            new Jurisdiction(id, name, r.String("fullName"), zone, calendar, sendTime, dueTime, adjust, ladder) { DefinedAt = r.SpanOf("id"), EscalationPrefix = r.String("escalationPrefix") },
            r.SpanOf("id"), r.Get("ladder"), e.Path);
    }

    private static DueAdjustment? ParseAdjust(MapReader r) => r.Choice("adjust", Adjustments) switch
    {
        "none" => DueAdjustment.None,
        "previous-workday" => DueAdjustment.PreviousWorkday,
        "next-workday" => DueAdjustment.NextWorkday,
        _ => null,
    };

    private void CheckJurisdictionDefaults(JurisdictionScope scope)
    {
        var j = scope.Jurisdiction;
        if (j.DefaultLadderId is not null && !scope.Ladders.ContainsKey(j.DefaultLadderId) && scope.LadderNode is not null)
            diagnostics.Error(Nodes.At(scope.LadderNode, scope.Path),
                $"unknown ladder '{j.DefaultLadderId}'{DidYouMean.Hint(j.DefaultLadderId, scope.Ladders.Keys)}");
        if (scope.Units.Values.Count(u => u.Unit.Kind == UnitKind.Office) > 1)
            diagnostics.Error(scope.Units.Values.Where(u => u.Unit.Kind == UnitKind.Office).Skip(1).First().At,
                $"jurisdiction '{j.Id}' has more than one unit of kind office; the office (纲要办) must be one unit");
        var withLiaison = scope.People.Where(p => p.Role == Role.Liaison).Select(p => p.UnitId).ToHashSet(StringComparer.Ordinal);
        foreach (var (unit, at) in scope.Units.Values)
            if (!withLiaison.Contains(unit.Id))
                diagnostics.Warning(at, $"unit '{unit.Id}' ({unit.Name}) has no liaison: messages to its liaison will reach nobody");
    }

    // ---- directory ---------------------------------------------------------------------------

    private MapReader? ReadUnit(FileEntry e, JurisdictionScope scope)
    {
        var r = new MapReader(e.Node, e.Path, diagnostics, "a unit", UnitKeys);
        if (!r.IsValid) return null;
        var id = r.Id("id", required: true);
        var name = r.String("name", required: true);
        var kind = r.Choice("kind", UnitKinds, required: true);
        var parent = r.Id("parent");
        var leads = r.Strings("lead").Select(l => l.Text).ToImmutableArray();
        // A unit with a bad kind is still registered (as other), so that references to it do not cascade into more errors.
        if (id is null || name is null) return null;
        if (scope.Units.TryGetValue(id, out var first))
        {
            r.Error("id", $"duplicate unit id '{id}' in jurisdiction '{scope.Jurisdiction.Id}' (first defined at {first.At})");
            return null;
        }
        scope.Units[id] = (new Unit(id, name, kind is null ? UnitKind.Other : Enum.Parse<UnitKind>(kind, ignoreCase: true), parent, leads), r.SpanOf("id"));
        return r;
    }

    private void CheckUnitReferences(JurisdictionScope scope, MapReader r)
    {
        if (r.Get("parent") is YamlScalarNode { Value: { } parent } p) CheckUnitRef(scope, parent.Trim(), r.At(p));
        foreach (var (lead, node) in r.Strings("lead")) CheckUnitRef(scope, lead, r.At(node));
    }

    private bool CheckUnitRef(JurisdictionScope scope, string unitId, SourceSpan at)
    {
        if (scope.Units.ContainsKey(unitId)) return true;
        diagnostics.Error(at, $"unknown unit '{Nodes.Truncate(unitId)}' in jurisdiction '{scope.Jurisdiction.Id}'{DidYouMean.Hint(unitId, scope.Units.Keys)}");
        return false;
    }

    private void ReadGroup(FileEntry e, JurisdictionScope scope)
    {
        var r = new MapReader(e.Node, e.Path, diagnostics, "a group", GroupKeys);
        if (!r.IsValid) return;
        var id = r.Id("id", required: true);
        var name = r.String("name", required: true);
        var members = new List<string>();
        foreach (var (unitId, node) in r.Strings("units"))
            if (CheckUnitRef(scope, unitId, r.At(node))) members.Add(unitId);
        foreach (var (kind, node) in r.Strings("kinds"))
        {
            var match = UnitKinds.FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                diagnostics.Error(r.At(node), $"unknown unit kind '{Nodes.Truncate(kind)}'; one of {string.Join(", ", UnitKinds)}{DidYouMean.Hint(kind, UnitKinds)}");
                continue;
            }
            var unitKind = Enum.Parse<UnitKind>(match, ignoreCase: true);
            members.AddRange(scope.Units.Values.Where(u => u.Unit.Kind == unitKind).Select(u => u.Unit.Id).OrderBy(x => x, StringComparer.Ordinal));
        }
        if (!r.Has("units") && !r.Has("kinds")) diagnostics.Error(r.Span, "a group needs 'units' or 'kinds' (or both)");
        if (id is null || name is null) return;
        if (scope.Groups.TryGetValue(id, out var first))
        {
            r.Error("id", $"duplicate group id '{id}' in jurisdiction '{scope.Jurisdiction.Id}' (first defined at {first.At})");
            return;
        }
        scope.Groups[id] = (new UnitGroup(id, name, members.Distinct().ToImmutableArray()), r.SpanOf("id"));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    private void ReadPerson(FileEntry e, JurisdictionScope scope)
    {
        var r = new MapReader(e.Node, e.Path, diagnostics, "a person", PersonKeys);
        if (!r.IsValid) return;
        var unit = r.Id("unit", required: true);
        var role = r.Choice("role", Roles, required: true);
        var name = r.String("name", required: true);
        var email = r.String("email", required: true);
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            r.Error("email", $"'{Nodes.Truncate(email)}' is not an email address");
            email = null;
        }
        if (unit is not null && !CheckUnitRef(scope, unit, r.SpanOf("unit"))) unit = null;
        var channels = ReadChannels(r);
        if (unit is null || role is null || name is null || email is null) return;
        scope.People.Add(new Person(unit, Enum.Parse<Role>(role, ignoreCase: true), name, email) { Channels = channels });
    }

    /// <summary>`channels:` of a person: channel name → the person's address on it (a channel a build adds, e.g. wecom).</summary>
    private ImmutableDictionary<string, string> ReadChannels(MapReader r)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (r.Get("channels") is not { } node) return result.ToImmutable();
        if (node is not YamlMappingNode map)
        {
            r.Error("channels", "channels must be a mapping of channel name to address, e.g. `wecom: zhangsan`");
            return result.ToImmutable();
        }
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } channel } || !MapReader.IsId(channel, allowDots: false))
                diagnostics.Error(r.At(key), "a channel name must be a plain id, e.g. wecom");
            else if (channel == ChannelNames.Email)
                diagnostics.Error(r.At(key), "the email address goes in `email`, not under channels");
            else if (value is not YamlScalarNode { Value: { Length: > 0 } address } || address.Any(char.IsWhiteSpace))
                diagnostics.Error(r.At(value), $"the address on channel '{channel}' must be one word without spaces");
            else
                result[channel] = address;
        }
        return result.ToImmutable();
    }

    // ---- ladders -----------------------------------------------------------------------------

    private void ReadNamedLadder(FileEntry e, JurisdictionScope scope)
    {
        var r = new MapReader(e.Node, e.Path, diagnostics, "a ladder", LadderKeys);
        if (!r.IsValid) return;
        var id = r.Id("id", required: true);
        var ladder = ReadSteps(r, scope, id ?? "");
        if (id is null) return;
        if (scope.Ladders.TryGetValue(id, out var first))
        {
            r.Error("id", $"duplicate ladder id '{id}' in jurisdiction '{scope.Jurisdiction.Id}' (first defined at {first.At})");
            return;
        }
        scope.Ladders[id] = (ladder, r.SpanOf("id"));
    }

    private Ladder ReadSteps(MapReader r, JurisdictionScope scope, string id)
    {
        var reminders = ImmutableArray.CreateBuilder<ReminderStep>();
        (DayOffset Offset, SourceSpan At)? previous = null;
        foreach (var item in r.List("reminders"))
        {
            YamlNode offsetNode;
            ImmutableArray<RecipientSelector> to = [new(Relation.Unit, null, Role.Liaison)];
            ConditionExpression? when = null;
            if (item is YamlScalarNode) offsetNode = item;
            else
            {
                var step = new MapReader(item, r.Path, diagnostics, "a reminder", ReminderKeys);
                if (!step.IsValid || step.Required("before") is not { } before) continue;
                offsetNode = before;
                if (step.Has("to")) to = ReadRecipients(step, scope);
                when = ReadCondition(step, "when");
            }
            if (ReadOffset(offsetNode, r.Path, "a reminder") is not { } offset) continue;
            var at = Nodes.At(offsetNode, r.Path);
            if (offset.Amount == 0)
            {
                diagnostics.Error(at, "a reminder must come before the due date: 'before: 0d' is the due date itself (use an escalation step 'after: 0d' for an urging)");
                continue;
            }
            if (previous is { } p && ApproximateDays(offset) >= ApproximateDays(p.Offset))
                diagnostics.Error(at, $"reminders out of order: {offset} before the due date comes no later than the previous reminder ({p.Offset}, at {p.At}); list them earliest first");
            previous = (offset, at);
            reminders.Add(new ReminderStep(offset, to, when));
        }

        var escalation = ImmutableArray.CreateBuilder<EscalationStep>();
        (DayOffset Offset, SourceSpan At)? last = null;
        foreach (var item in r.List("escalation"))
        {
            var step = new MapReader(item, r.Path, diagnostics, "an escalation step", EscalationKeys);
            if (!step.IsValid) continue;
            var afterNode = step.Required("after");
            var to = step.Has("to") ? ReadRecipients(step, scope) : [];
            if (!step.Has("to")) diagnostics.Error(step.Span, "an escalation step is missing required key 'to'");
            var when = ReadCondition(step, "when");
            if (afterNode is null || ReadOffset(afterNode, r.Path, "an escalation step") is not { } offset) continue;
            var at = Nodes.At(afterNode, r.Path);
            if (last is { } l && ApproximateDays(offset) <= ApproximateDays(l.Offset))
                diagnostics.Error(at, $"escalation steps out of order: after {offset} is not later than the previous step (after {l.Offset}, at {l.At})");
            last = (offset, at);
            escalation.Add(new EscalationStep(offset, to, when));
        }
        return new Ladder(id, reminders.ToImmutable(), escalation.ToImmutable());
    }

    // Working days stretch over weekends: 5 working days are about 7 calendar days.
    private static double ApproximateDays(DayOffset o) => o.Unit == OffsetUnit.WorkingDays ? o.Amount * 7.0 / 5.0 : o.Amount;

    private DayOffset? ReadOffset(YamlNode node, string path, string what)
    {
        var at = Nodes.At(node, path);
        if (node is not YamlScalarNode { Value: { } text } || string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Error(at, $"the offset of {what} must be like 7d (days) or 3wd (working days), found {Nodes.Describe(node)}");
            return null;
        }
        if (DayOffset.TryParse(text, out var offset)) return offset;
        diagnostics.Error(at, text.TrimStart().StartsWith('-')
            ? $"offsets are distances and cannot be negative ('{Nodes.Truncate(text)}'): reminders count back from the due date, escalation steps forward"
            : $"'{Nodes.Truncate(text)}' is not an offset; expected e.g. 7d (days) or 3wd (working days)");
        return null;
    }

    private ImmutableArray<RecipientSelector> ReadRecipients(MapReader step, JurisdictionScope scope)
    {
        var result = ImmutableArray.CreateBuilder<RecipientSelector>();
        var items = step.Strings("to");
        if (items.Count == 0 && step.Get("to") is YamlSequenceNode) step.Error("to", "'to' names no recipient");
        foreach (var (text, node) in items)
            if (ParseRecipient(text, Nodes.At(node, step.Path), scope) is { } selector) result.Add(selector);
        return result.ToImmutable();
    }

    private RecipientSelector? ParseRecipient(string text, SourceSpan at, JurisdictionScope scope)
    {
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || dot == text.Length - 1)
        {
            diagnostics.Error(at, $"recipient '{Nodes.Truncate(text)}' must be relation.role, e.g. unit.liaison, lead.head, office.head");
            return null;
        }
        var (relationText, roleText) = (text[..dot], text[(dot + 1)..]);
        var role = Roles.FirstOrDefault(r => r == roleText);
        if (role is null)
        {
            diagnostics.Error(at, $"unknown role '{Nodes.Truncate(roleText)}' in recipient '{Nodes.Truncate(text)}'; one of {string.Join(", ", Roles)}{DidYouMean.Hint(roleText, Roles)}");
            return null;
        }
        var parsedRole = Enum.Parse<Role>(role, ignoreCase: true);
        var relation = Relations.FirstOrDefault(r => r == relationText);
        if (relation is not null)
            return new RecipientSelector(Enum.Parse<Relation>(relation, ignoreCase: true), null, parsedRole);
        if (scope.Units.ContainsKey(relationText)) return new RecipientSelector(Relation.Named, relationText, parsedRole);
        diagnostics.Error(at, $"unknown unit or relation '{Nodes.Truncate(relationText)}' in recipient '{Nodes.Truncate(text)}'; relations are {string.Join(", ", Relations)}, or a unit id{DidYouMean.Hint(relationText, Relations.Concat(scope.Units.Keys))}");
        return null;
    }

    /// <summary>Every condition read, also from entries that failed: so that their compile errors come with the rest.</summary>
    public List<ConditionExpression> Conditions { get; } = [];

    private ConditionExpression? ReadCondition(MapReader r, string key)
    {
        var text = r.String(key);
        if (text is null) return null;
        var node = (YamlScalarNode)r.Get(key)!;
        // The expression starts after an opening quote, so that later compile errors point into it.
        var quoted = node.Style is YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.SingleQuoted;
        var at = r.At(node);
        var condition = new ConditionExpression(text, quoted ? at with { Column = at.Column + 1 } : at);
        Conditions.Add(condition);
        return condition;
    }
}
