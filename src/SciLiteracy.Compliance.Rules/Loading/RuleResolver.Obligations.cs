using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Loading;

internal sealed partial class RuleResolver
{
    private Obligation? ReadObligation(FileEntry e, JurisdictionScope scope)
    {
        var r = new MapReader(e.Node, e.Path, diagnostics, "an obligation", ObligationKeys);
        if (!r.IsValid) return null;
        var id = r.Id("id", required: true, allowDots: true);
        var title = r.String("title", required: true);
        var kindText = r.Choice("kind", ObligationKinds, required: true);
        var kind = kindText is null ? (ObligationKind?)null : Enum.Parse<ObligationKind>(kindText, ignoreCase: true);
        var source = ReadSource(r);
        var (responsible, description) = ReadResponsible(r, scope);
        var lead = r.Strings("lead").Where(l => CheckUnitRef(scope, l.Text, r.At(l.Node))).Select(l => l.Text).ToImmutableArray();
        var submitTo = ReadSubmitTo(r, scope);
        var term = ReadTerm(r, e, scope);
        var schedule = r.Required("schedule") is { } scheduleNode ? ReadSchedule(scheduleNode, r.Path, term) : null;
        var ladder = ReadObligationLadder(r, scope);
        var when = ReadCondition(r, "when");
        var escalateWhen = ReadCondition(r, "escalateWhen");
        var onError = r.Choice("onError", ErrorPolicies) == "skip" ? ConditionErrorPolicy.Skip : ConditionErrorPolicy.Applies;
        var templates = ReadTemplates(r);
        var assumed = r.Bool("assumed") ?? false;
        var assumedReason = r.String("assumedReason");
        if (assumed && assumedReason is null && !r.Has("assumedReason"))
            r.Error("assumed", "an assumed date needs 'assumedReason': one line on why the pack chose it");
        if (!assumed && r.Has("assumedReason"))
            r.Error("assumedReason", "'assumedReason' without 'assumed: true'");
        var target = r.Has("target") ? ReadTarget(r, scope, responsible) : null;
        if (kind == ObligationKind.Target && !r.Has("target"))
            diagnostics.Error(r.Span, "an obligation of kind target needs a 'target' block (indicator, value, by, unit)");
        if (kind is not null && kind != ObligationKind.Target && r.Has("target"))
            r.Error("target", $"'target' belongs only to obligations of kind target, not {kindText}");
        r.String("description");
        r.String("notes");

        if (id is null || title is null || kind is null || source is null || responsible is null || submitTo is null
            || schedule is null || ladder is null || templates is null || (r.Has("target") && target is null) || !term.Valid)
            return null;
        var obligation = new Obligation(id, scope.Jurisdiction.Id, title, kind.Value, source, responsible.Value, description, lead,
            submitTo, schedule, ladder, when, escalateWhen, templates, assumed, assumedReason, target, r.SpanOf("id"), onError)
        {
            Term = term.Term,
            PlanId = term.Plan?.Id,
            TermBasis = term.Basis,
            Supersedes = term.Supersedes,
        };
        if (term.SupersedesAt is { } supersedesAt) supersessionSites.Add((obligation, supersedesAt));
        return obligation;
    }

    private (ImmutableArray<string>? Units, string Description) ReadResponsible(MapReader r, JurisdictionScope scope) =>
        ReadUnitSet(r, "responsible", scope, required: true);

    /// <summary>A unit id, { unit }, { units: [..] } or { group }: the units named, with their names in words.</summary>
    private (ImmutableArray<string>? Units, string Description) ReadUnitSet(MapReader r, string key, JurisdictionScope scope, bool required)
    {
        var node = required ? r.Required(key) : r.Get(key);
        switch (node)
        {
            case null:
                return (null, "");
            case YamlScalarNode { Value: { } single } when !string.IsNullOrWhiteSpace(single):
                return CheckUnitRef(scope, single.Trim(), r.At(node)) ? ([single.Trim()], UnitName(scope, single.Trim())) : (null, "");
            case YamlMappingNode:
                var m = new MapReader(node, r.Path, diagnostics, $"'{key}'", ResponsibleKeys);
                var forms = ResponsibleKeys.Count(m.Has);
                if (forms != 1)
                {
                    diagnostics.Error(m.Span, $"'{key}' takes exactly one of unit, units or group");
                    return (null, "");
                }
                if (m.Id("unit") is { } unitId)
                    return CheckUnitRef(scope, unitId, m.SpanOf("unit")) ? ([unitId], UnitName(scope, unitId)) : (null, "");
                if (m.Has("units"))
                {
                    var ids = m.Strings("units");
                    var ok = ids.Select(u => CheckUnitRef(scope, u.Text, m.At(u.Node))).ToList();
                    if (ids.Count == 0) { m.Error("units", "'units' names no unit"); return (null, ""); }
                    var list = ids.Select(u => u.Text).Distinct().ToImmutableArray();
                    return ok.All(x => x) ? (list, string.Join("、", list.Select(u => UnitName(scope, u)))) : (null, "");
                }
                if (m.Id("group") is { } groupId)
                {
                    if (!scope.Groups.TryGetValue(groupId, out var group))
                    {
                        m.Error("group", $"unknown group '{groupId}' in jurisdiction '{scope.Jurisdiction.Id}'{DidYouMean.Hint(groupId, scope.Groups.Keys)}");
                        return (null, "");
                    }
                    if (group.Group.UnitIds.IsEmpty)
                    {
                        m.Error("group", $"group '{groupId}' has no units, so this obligation would apply to nobody");
                        return (null, "");
                    }
                    return (group.Group.UnitIds, group.Group.Name);
                }
                return (null, "");
            default:
                diagnostics.Error(r.At(node), $"'{key}' must be a unit id or one of {{unit}}, {{units}}, {{group}}; found {Nodes.Describe(node)}");
                return (null, "");
        }
    }

    private static string UnitName(JurisdictionScope scope, string unitId) =>
        scope.Units.TryGetValue(unitId, out var u) ? u.Unit.Name : unitId;

    private string? ReadSubmitTo(MapReader r, JurisdictionScope scope)
    {
        if (r.Has("submitTo"))
        {
            var id = r.Id("submitTo");
            return id is not null && CheckUnitRef(scope, id, r.SpanOf("submitTo")) ? id : null;
        }
        var office = scope.Units.Values.Where(u => u.Unit.Kind == UnitKind.Office).Select(u => u.Unit.Id).OrderBy(x => x, StringComparer.Ordinal).FirstOrDefault();
        if (office is null && r.IsValid)
            diagnostics.Error(r.Span, $"no 'submitTo', and jurisdiction '{scope.Jurisdiction.Id}' has no unit of kind office to default to");
        return office;
    }

    private Ladder? ReadObligationLadder(MapReader r, JurisdictionScope scope)
    {
        Ladder? named = null;
        if (r.Id("ladder") is { } ladderId)
        {
            if (scope.Ladders.TryGetValue(ladderId, out var found)) named = found.Ladder;
            else
            {
                r.Error("ladder", $"unknown ladder '{ladderId}' in jurisdiction '{scope.Jurisdiction.Id}'{DidYouMean.Hint(ladderId, scope.Ladders.Keys)}");
                return null;
            }
        }
        else if (r.Has("ladder")) return null;
        else if (scope.Jurisdiction.DefaultLadderId is { } defaultId)
            named = scope.Ladders.TryGetValue(defaultId, out var d) ? d.Ladder : Ladder.Empty; // an unknown default is reported once, on the jurisdiction

        if (!r.Has("reminders") && !r.Has("escalation")) return named ?? Ladder.Empty;
        // Inline steps replace the named ladder's steps of the same kind.
        var inline = ReadSteps(r, scope, r.Get("id") is YamlScalarNode { Value: { } id } ? id : "");
        return new Ladder(inline.Id,
            r.Has("reminders") ? inline.Reminders : named?.Reminders ?? [],
            r.Has("escalation") ? inline.Escalation : named?.Escalation ?? []);
    }

    private TemplateNames? ReadTemplates(MapReader r)
    {
        if (!r.Has("templates")) return TemplateNames.Default;
        var t = new MapReader(r.Get("templates")!, r.Path, diagnostics, "'templates'", TemplateKeys);
        if (!t.IsValid) return null;
        string? Name(string key, string fallback)
        {
            var name = t.String(key);
            if (name is null) return t.Has(key) ? null : fallback;
            if (templateNames.Contains(name)) return name;
            t.Error(key, $"unknown template '{Nodes.Truncate(name)}': no templates/{Nodes.Truncate(name)}.*.hbs in the rules directory{DidYouMean.Hint(name, templateNames)}");
            return null;
        }
        var remind = Name("remind", TemplateNames.Default.Remind);
        var urge = Name("urge", TemplateNames.Default.Urge);
        var escalate = Name("escalate", TemplateNames.Default.Escalate);
        return remind is null || urge is null || escalate is null ? null : new TemplateNames(remind, urge, escalate);
    }

    private TargetSpec? ReadTarget(MapReader r, JurisdictionScope scope, ImmutableArray<string>? responsible)
    {
        var t = new MapReader(r.Get("target")!, r.Path, diagnostics, "the target", TargetKeys);
        if (!t.IsValid) return null;
        var indicator = t.String("indicator", required: true);
        var value = t.Decimal("value", required: true);
        var by = t.Date("by", required: true);
        var unit = t.String("unit", required: true);
        var direction = t.Choice("direction", Directions) ?? "increase";
        var margin = t.Decimal("atRiskMargin");
        if (margin is < 0 or > 1) { t.Error("atRiskMargin", "'atRiskMargin' is a fraction between 0 and 1, e.g. 0.1"); margin = null; }
        TargetValue? baseline = null;
        if (t.Get("baseline") is { } baselineNode)
        {
            var b = new MapReader(baselineNode, r.Path, diagnostics, "the baseline", BaselineKeys);
            var bv = b.Decimal("value", required: true);
            var asOf = b.Date("asOf", required: true);
            if (bv is null || asOf is null) return null;
            baseline = new TargetValue(bv.Value, asOf.Value);
            if (by is not null && asOf.Value >= by.Value) b.Error("asOf", $"the baseline ({asOf.Value:uuuu-MM-dd}) must come before the target date ({by.Value:uuuu-MM-dd})");
        }
        var scopeText = t.Choice("scope", TargetScopes) ?? "unit";
        var area = scopeText == "area";
        var contributors = t.Has("contributors") ? ReadUnitSet(t, "contributors", scope, required: false).Units : [];
        if (t.Has("contributors") && !area)
            t.Error("contributors", "'contributors' belong to a target for the whole area: add 'scope: area' (a unit target judges each responsible unit on its own)");
        if (area && responsible is { Length: > 1 })
            r.Error("responsible", $"a target with 'scope: area' is judged once for the area: name one responsible unit (the office or the lead unit) and list the other {responsible.Value.Length - 1} under 'contributors'");
        if (indicator is null || value is null || by is null || unit is null || contributors is null) return null;
        return new TargetSpec(indicator, baseline, value.Value, by.Value, unit,
            direction == "decrease" ? TargetDirection.Decrease : TargetDirection.Increase, margin)
        {
            Scope = area ? TargetScope.Area : TargetScope.Unit,
            ContributorUnitIds = contributors.Value,
        };
    }

    private Schedule? ReadSchedule(YamlNode node, string path, TermReading term)
    {
        var s = new MapReader(node, path, diagnostics, "the schedule", ScheduleKeys);
        if (!s.IsValid) return null;
        var forms = ScheduleForms.Where(s.Has).ToList();
        if (forms.Count == 0)
        {
            diagnostics.Error(s.Span, $"the schedule needs one of {string.Join(", ", ScheduleForms)}");
            return null;
        }
        if (forms.Count > 1)
        {
            s.Error(forms[1], $"the schedule has both '{forms[0]}' and '{forms[1]}'; give exactly one form");
            return null;
        }
        var dueTime = s.Time("dueTime");
        var adjust = ParseAdjust(s);
        var form = forms[0];
        foreach (var key in new[] { "on", "from", "until", "label", "periodYear" })
            if (s.Has(key) && !FormTakes(form, key))
                s.Error(key, $"'{key}' does not apply to a '{form}' schedule");
        var periodYear = s.Choice("periodYear", PeriodYears) == "previous" ? PeriodYear.Previous : PeriodYear.Same;
        var bounds = new TermBounds(term.Plan, term.Term == Domain.Plans.ObligationTerm.Standing, !term.Valid);

        Schedule? schedule = form switch
        {
            "once" => s.Date("once") is { } d ? new OnceSchedule(d) : null,
            "yearly" => Years(s, bounds) is var (from, until) && s.String("yearly") is { } md && Nodes.ParseAnnualDate(md, m => s.Error("yearly", m)) is { } on
                ? new YearlySchedule(on, from, until) { PeriodYear = periodYear } : null,
            "every" => ReadEvery(s, bounds) is { } every ? every with { PeriodYear = periodYear } : null,
            "weekly" => ReadWeekly(s, bounds),
            "monthly" => ReadMonthly(s, bounds),
            "quarterly" => Dates(s, bounds) is var (from, until) && s.Int("quarterly", min: 1, max: 31) is { } day ? new QuarterlySchedule(day, from, until) : null,
            "window" => ReadWindow(s),
            _ => null,
        };
        return schedule is null ? null : schedule with { DueTime = dueTime, Adjust = adjust, OpenEnded = bounds.Standing && !s.Has("until") && form is not ("once" or "window") };
    }

    /// <summary>What a plan or standing term fills in: a missing 'from' is the plan's start, 'until: plan' (or none) its end, and a standing duty without 'until' has none.</summary>
    /// <param name="TermFailed">The term keys had an error (e.g. an unknown plan): the dates they would fill in are not reported again.</param>
    private sealed record TermBounds(Domain.Plans.ImplementationPlan? Plan, bool Standing, bool TermFailed);

    private static bool FormTakes(string form, string key) => (form, key) switch
    {
        ("yearly" or "every" or "weekly" or "monthly" or "quarterly", "from" or "until") => true,
        ("every", "on") => true,
        ("yearly" or "every", "periodYear") => true,
        ("window", "label") => true,
        _ => false,
    };

    private const string UntilHint = "give the last year or date, 'until: plan' for an obligation of a plan, or mark a standing duty 'standing: true'";

    private (int, int)? Years(MapReader s, TermBounds bounds)
    {
        if (bounds.TermFailed && bounds.Plan is null && !(s.Has("from") && s.Has("until"))) return null;
        int? from = s.Has("from") || bounds.Plan is null ? s.Int("from", required: true, min: 1900, max: 2200) : bounds.Plan.From.Year;
        int? until;
        if (s.Get("until") is YamlScalarNode { Value: { } text } && text.Trim() == "plan") until = bounds.Plan?.To.Year;
        else if (s.Has("until")) until = s.Int("until", min: 1900, max: 2200);
        else if (bounds.Plan is not null) until = bounds.Plan.To.Year;
        else if (bounds.Standing) until = Schedule.OpenEndYear;
        else
        {
            diagnostics.Error(s.Span, $"the schedule is missing required key 'until': {UntilHint}");
            until = null;
        }
        if (from is null || until is null) return null;
        if (from > until)
        {
            s.Error("from", $"the schedule starts after it ends: first period {from} is after the last, {until}");
            return null;
        }
        if (bounds.Plan is not null && s.Has("until")) CheckWithinPlan(s, bounds.Plan, until, null);
        return (from.Value, until.Value);
    }

    private (LocalDate, LocalDate)? Dates(MapReader s, TermBounds bounds)
    {
        if (bounds.TermFailed && bounds.Plan is null && !(s.Has("from") && s.Has("until"))) return null;
        var from = s.Has("from") || bounds.Plan is null ? s.Date("from", required: true) : bounds.Plan.From;
        LocalDate? until;
        if (s.Get("until") is YamlScalarNode { Value: { } text } && text.Trim() == "plan") until = bounds.Plan?.To;
        else if (s.Has("until")) until = s.Date("until");
        else if (bounds.Plan is not null) until = bounds.Plan.To;
        else if (bounds.Standing) until = new LocalDate(Schedule.OpenEndYear, 12, 31);
        else
        {
            diagnostics.Error(s.Span, $"the schedule is missing required key 'until': {UntilHint}");
            until = null;
        }
        if (from is null || until is null) return null;
        if (from > until)
        {
            s.Error("from", $"the schedule starts after it ends: first period {from:uuuu-MM-dd} is after the last, {until:uuuu-MM-dd}");
            return null;
        }
        if (bounds.Plan is not null && s.Has("until")) CheckWithinPlan(s, bounds.Plan, null, until);
        return (from.Value, until.Value);
    }

    private EveryYearsSchedule? ReadEvery(MapReader s, TermBounds bounds)
    {
        var interval = s.Int("every", min: 1, max: 10);
        var onText = s.String("on", required: true);
        var on = onText is null ? null : Nodes.ParseAnnualDate(onText, m => s.Error("on", m));
        var years = Years(s, bounds);
        return interval is null || on is null || years is not var (from, until) ? null : new EveryYearsSchedule(interval.Value, on.Value, from, until);
    }

    private Schedule? ReadWeekly(MapReader s, TermBounds bounds)
    {
        var day = s.Choice("weekly", Weekdays);
        var dates = Dates(s, bounds);
        if (day is null || dates is not var (from, until)) return null;
        return new WeeklySchedule((IsoDayOfWeek)(Array.IndexOf(Weekdays, day) + 1), from, until);
    }

    private Schedule? ReadMonthly(MapReader s, TermBounds bounds)
    {
        int? day = null;
        if (s.String("monthly") is { } text && text != "end")
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d is < 1 or > 31)
            {
                s.Error("monthly", $"'monthly' takes a day of the month (1–31) or 'end', found '{Nodes.Truncate(text)}'");
                return null;
            }
            day = d;
        }
        else if (!s.Has("monthly") || s.String("monthly") is null) return null;
        return Dates(s, bounds) is var (from, until) ? new MonthlySchedule(day, from, until) : null;
    }

    private Schedule? ReadWindow(MapReader s)
    {
        var w = new MapReader(s.Get("window")!, s.Path, diagnostics, "the window", WindowKeys);
        if (!w.IsValid) return null;
        var start = w.Date("start", required: true);
        var end = w.Date("end", required: true);
        if (start is null || end is null) return null;
        if (start > end)
        {
            w.Error("start", $"the window starts after it ends: {start:uuuu-MM-dd} is after {end:uuuu-MM-dd}");
            return null;
        }
        return new WindowSchedule(start.Value, end.Value, s.String("label"));
    }
}
