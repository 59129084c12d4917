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
        var schedule = r.Required("schedule") is { } scheduleNode ? ReadSchedule(scheduleNode, r.Path) : null;
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
        var target = r.Has("target") ? ReadTarget(r) : null;
        if (kind == ObligationKind.Target && !r.Has("target"))
            diagnostics.Error(r.Span, "an obligation of kind target needs a 'target' block (indicator, value, by, unit)");
        if (kind is not null && kind != ObligationKind.Target && r.Has("target"))
            r.Error("target", $"'target' belongs only to obligations of kind target, not {kindText}");
        r.String("description");
        r.String("notes");

        if (id is null || title is null || kind is null || source is null || responsible is null || submitTo is null
            || schedule is null || ladder is null || templates is null || (r.Has("target") && target is null))
            return null;
        return new Obligation(id, scope.Jurisdiction.Id, title, kind.Value, source, responsible.Value, description, lead,
            submitTo, schedule, ladder, when, escalateWhen, templates, assumed, assumedReason, target, r.SpanOf("id"), onError);
    }

    private SourceCitation? ReadSource(MapReader r)
    {
        if (r.Required("source") is not { } node) return null;
        var s = new MapReader(node, r.Path, diagnostics, "the source", SourceKeys);
        if (!s.IsValid) return null;
        var file = s.String("file", required: true);
        var clause = s.String("clause", required: true);
        var quote = s.String("quote", required: true);
        return file is null || clause is null || quote is null ? null : new SourceCitation(file, clause, quote);
    }

    private (ImmutableArray<string>? Units, string Description) ReadResponsible(MapReader r, JurisdictionScope scope)
    {
        var node = r.Required("responsible");
        switch (node)
        {
            case null:
                return (null, "");
            case YamlScalarNode { Value: { } single } when !string.IsNullOrWhiteSpace(single):
                return CheckUnitRef(scope, single.Trim(), r.At(node)) ? ([single.Trim()], UnitName(scope, single.Trim())) : (null, "");
            case YamlMappingNode:
                var m = new MapReader(node, r.Path, diagnostics, "'responsible'", ResponsibleKeys);
                var forms = ResponsibleKeys.Count(m.Has);
                if (forms != 1)
                {
                    diagnostics.Error(m.Span, "'responsible' takes exactly one of unit, units or group");
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
                diagnostics.Error(r.At(node), $"'responsible' must be a unit id or one of {{unit}}, {{units}}, {{group}}; found {Nodes.Describe(node)}");
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

    private TargetSpec? ReadTarget(MapReader r)
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
        if (indicator is null || value is null || by is null || unit is null) return null;
        return new TargetSpec(indicator, baseline, value.Value, by.Value, unit,
            direction == "decrease" ? TargetDirection.Decrease : TargetDirection.Increase, margin);
    }

    private Schedule? ReadSchedule(YamlNode node, string path)
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
        foreach (var key in new[] { "on", "from", "until", "label" })
            if (s.Has(key) && !FormTakes(form, key))
                s.Error(key, $"'{key}' does not apply to a '{form}' schedule");

        Schedule? schedule = form switch
        {
            "once" => s.Date("once") is { } d ? new OnceSchedule(d) : null,
            "yearly" => Years(s) is var (from, until) && s.String("yearly") is { } md && Nodes.ParseAnnualDate(md, m => s.Error("yearly", m)) is { } on
                ? new YearlySchedule(on, from, until) : null,
            "every" => ReadEvery(s),
            "weekly" => ReadWeekly(s),
            "monthly" => ReadMonthly(s),
            "quarterly" => Dates(s) is var (from, until) && s.Int("quarterly", min: 1, max: 31) is { } day ? new QuarterlySchedule(day, from, until) : null,
            "window" => ReadWindow(s),
            _ => null,
        };
        return schedule is null ? null : schedule with { DueTime = dueTime, Adjust = adjust };
    }

    private static bool FormTakes(string form, string key) => (form, key) switch
    {
        ("yearly" or "every" or "weekly" or "monthly" or "quarterly", "from" or "until") => true,
        ("every", "on") => true,
        ("window", "label") => true,
        _ => false,
    };

    private (int, int)? Years(MapReader s)
    {
        var from = s.Int("from", required: true, min: 1900, max: 2200);
        var until = s.Int("until", required: true, min: 1900, max: 2200);
        if (from is null || until is null) return null;
        if (from > until)
        {
            s.Error("from", $"the schedule starts after it ends: first period {from} is after the last, {until}");
            return null;
        }
        return (from.Value, until.Value);
    }

    private (LocalDate, LocalDate)? Dates(MapReader s)
    {
        var from = s.Date("from", required: true);
        var until = s.Date("until", required: true);
        if (from is null || until is null) return null;
        if (from > until)
        {
            s.Error("from", $"the schedule starts after it ends: first period {from:uuuu-MM-dd} is after the last, {until:uuuu-MM-dd}");
            return null;
        }
        return (from.Value, until.Value);
    }

    private Schedule? ReadEvery(MapReader s)
    {
        var interval = s.Int("every", min: 1, max: 10);
        var onText = s.String("on", required: true);
        var on = onText is null ? null : Nodes.ParseAnnualDate(onText, m => s.Error("on", m));
        var years = Years(s);
        return interval is null || on is null || years is not var (from, until) ? null : new EveryYearsSchedule(interval.Value, on.Value, from, until);
    }

    private Schedule? ReadWeekly(MapReader s)
    {
        var day = s.Choice("weekly", Weekdays);
        var dates = Dates(s);
        if (day is null || dates is not var (from, until)) return null;
        return new WeeklySchedule((IsoDayOfWeek)(Array.IndexOf(Weekdays, day) + 1), from, until);
    }

    private Schedule? ReadMonthly(MapReader s)
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
        return Dates(s) is var (from, until) ? new MonthlySchedule(day, from, until) : null;
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
