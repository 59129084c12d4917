using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Loading;

/// <summary>Plans, sources, and what binds an obligation to a plan or makes it standing (issue 19).</summary>
internal sealed partial class RuleResolver
{
    private static readonly string[] PlanKeys = ["id", "title", "from", "to", "source"];
    private static readonly string[] SourceKeys = ["file", "document", "number", "issuer", "date", "url", "clause", "quote"];
    private static readonly string[] NoticeOnlyKeys = ["document", "number", "issuer", "date", "url"];
    private static readonly string[] SupersedesKeys = ["obligation", "from"];

    /// <summary>What the term keys of an obligation say: its term, plan (explicit, file-wide or the sole plan) and supersession.</summary>
    private sealed record TermReading(ObligationTerm Term, ImplementationPlan? Plan, string? Basis, Supersession? Supersedes, SourceSpan? SupersedesAt, bool Valid);

    private readonly List<(Obligation Obligation, SourceSpan At)> supersessionSites = [];

    private void ReadPlan(FileEntry e, JurisdictionScope scope)
    {
        var r = new MapReader(e.Node, e.Path, diagnostics, "a plan", PlanKeys);
        if (!r.IsValid) return;
        var id = r.Id("id", required: true);
        var title = r.String("title", required: true);
        var from = r.Date("from", required: true);
        var to = r.Date("to", required: true);
        var source = ReadSource(r);
        if (from is not null && to is not null && from > to)
        {
            r.Error("from", $"the plan starts after it ends: {from:uuuu-MM-dd} is after {to:uuuu-MM-dd}");
            return;
        }
        if (id is null || title is null || from is null || to is null || source is null) return;
        if (scope.Plans.TryGetValue(id, out var first))
        {
            r.Error("id", $"duplicate plan id '{id}' in jurisdiction '{scope.Jurisdiction.Id}' (first defined at {first.Location})");
            return;
        }
        scope.Plans[id] = new ImplementationPlan(id, scope.Jurisdiction.Id, title, from.Value, to.Value, source, r.SpanOf("id"));
    }

    /// <summary>A seed file (file, clause, quote) or a notice (document, issuer, date, url, quote; number and clause optional).</summary>
    private SourceCitation? ReadSource(MapReader r)
    {
        if (r.Required("source") is not { } node) return null;
        var s = new MapReader(node, r.Path, diagnostics, "the source", SourceKeys);
        if (!s.IsValid) return null;
        if (s.Has("file") && s.Has("document"))
        {
            s.Error("document", "the source gives both 'file' (a seed plan) and 'document' (a notice); cite one");
            return null;
        }
        if (!s.Has("file") && !s.Has("document"))
        {
            diagnostics.Error(s.Span, "the source needs 'file' (a seed plan in the seeds folder) or 'document' (a notice, with issuer, date and url)");
            return null;
        }
        var quote = s.String("quote", required: true);
        if (s.Has("file"))
        {
            foreach (var key in NoticeOnlyKeys.Where(s.Has))
                s.Error(key, $"'{key}' belongs to a notice ('document'); a seed file is cited by 'file', 'clause' and 'quote'");
            var file = s.String("file", required: true);
            var clause = s.String("clause", required: true);
            return file is null || clause is null || quote is null ? null : new SourceCitation(file, clause, quote) { FileLocation = s.SpanOf("file") };
        }
        var document = s.String("document", required: true);
        var number = s.String("number");
        var issuer = s.String("issuer", required: true);
        var date = s.Date("date", required: true);
        var url = s.String("url", required: true);
        if (url is not null && !(url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal)))
        {
            s.Error("url", $"'url' must be a web address (https://…), found '{Nodes.Truncate(url)}'");
            url = null;
        }
        var noticeClause = s.String("clause");
        if (document is null || issuer is null || date is null || url is null || quote is null) return null;
        return new SourceCitation(null, noticeClause, quote) { Notice = new NoticeReference(document, number, issuer, date.Value, url) };
    }

    /// <summary>
    /// plan / standing / termBasis / supersedes of an obligation. `until: plan` without a plan binds the obligation to the
    /// jurisdiction's sole plan; with none or several it is an error.
    /// </summary>
    private TermReading ReadTerm(MapReader r, FileEntry e, JurisdictionScope scope)
    {
        var valid = true;
        var standingValue = r.Bool("standing");
        if (r.Has("standing") && standingValue is null) valid = false;
        var standing = standingValue ?? false;
        var basis = r.String("termBasis");

        ImplementationPlan? plan = null;
        (string Id, SourceSpan At)? planRef = r.Has("plan")
            ? (r.Id("plan") is { } own ? (own, r.SpanOf("plan")) : null)
            : e.FilePlan is { Value: { } fileWide } ? (fileWide.Trim(), Nodes.At(e.FilePlan, e.Path)) : null;
        if (r.Has("plan") && planRef is null) valid = false;
        if (planRef is var (planId, planAt))
        {
            if (scope.Plans.TryGetValue(planId, out var found)) plan = found;
            else
            {
                diagnostics.Error(planAt, scope.Plans.Count == 0
                    ? $"unknown plan '{Nodes.Truncate(planId)}': jurisdiction '{scope.Jurisdiction.Id}' declares no plans (add a 'plans:' entry)"
                    : $"unknown plan '{Nodes.Truncate(planId)}' in jurisdiction '{scope.Jurisdiction.Id}'{DidYouMean.Hint(planId, scope.Plans.Keys)}");
                valid = false;
            }
        }

        var untilPlan = r.Get("schedule") is YamlMappingNode schedule
            && schedule.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "until" }).Value is YamlScalarNode { Value: { } until }
            && until.Trim() == "plan";
        if (standing)
        {
            if (r.Has("plan"))
                r.Error("plan", "a standing duty is not bound to a plan: drop 'plan' or 'standing: true'");
            else if (planRef is var (filePlanId, _))
                r.Error("standing", $"this file binds its obligations to plan '{filePlanId}' (file-wide 'plan'); move the standing duty to a file without one");
            if (untilPlan)
                diagnostics.Error(UntilSpan(r), "a standing duty does not end with a plan: drop 'until: plan' (or give the year its basis sets)");
            if (basis is null && !r.Has("termBasis"))
                r.Error("standing", "a standing duty needs 'termBasis': one line naming the law or clause that makes it standing");
            plan = null;
        }
        else if (untilPlan && planRef is null)
        {
            if (scope.Plans.Count == 1) plan = scope.Plans.Values.Single();
            else
            {
                diagnostics.Error(UntilSpan(r), scope.Plans.Count == 0
                    ? $"'until: plan' needs a plan, and jurisdiction '{scope.Jurisdiction.Id}' declares none: add a 'plans:' entry, or give the last year"
                    : $"'until: plan' needs 'plan: <id>' here: jurisdiction '{scope.Jurisdiction.Id}' declares {scope.Plans.Count} plans ({string.Join(", ", scope.Plans.Keys.Order(StringComparer.Ordinal))})");
                valid = false;
            }
        }

        Supersession? supersedes = null;
        SourceSpan? supersedesAt = null;
        if (r.Get("supersedes") is { } node)
        {
            var m = new MapReader(node, r.Path, diagnostics, "'supersedes'", SupersedesKeys);
            var other = m.Id("obligation", required: true, allowDots: true);
            var from = m.Date("from", required: true);
            if (other is not null && from is not null)
            {
                supersedes = new Supersession(other, from.Value);
                supersedesAt = m.SpanOf("obligation");
            }
            else valid = false;
        }

        var term = standing ? ObligationTerm.Standing : plan is not null ? ObligationTerm.PlanBound : ObligationTerm.Unclassified;
        return new TermReading(term, plan, basis, supersedes, supersedesAt, valid);
    }

    private static SourceSpan UntilSpan(MapReader r) =>
        r.Get("schedule") is YamlMappingNode schedule && schedule.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "until" }).Value is { } until
            ? r.At(until) : r.SpanOf("schedule");

    /// <summary>A supersession names an existing obligation of the same jurisdiction, not itself.</summary>
    private void CheckSupersessions(IEnumerable<Obligation> obligations)
    {
        var byId = obligations.ToDictionary(o => o.Id, StringComparer.Ordinal);
        foreach (var (o, at) in supersessionSites)
        {
            var otherId = o.Supersedes!.ObligationId;
            if (otherId == o.Id)
                diagnostics.Error(at, $"obligation '{o.Id}' cannot supersede itself");
            else if (!byId.TryGetValue(otherId, out var other))
                diagnostics.Error(at, $"'supersedes' names unknown obligation '{Nodes.Truncate(otherId)}'{DidYouMean.Hint(otherId, byId.Keys.Where(k => byId[k].JurisdictionId == o.JurisdictionId))}");
            else if (other.JurisdictionId != o.JurisdictionId)
                diagnostics.Error(at, $"'supersedes' names '{otherId}' of jurisdiction '{other.JurisdictionId}'; an obligation supersedes one of its own jurisdiction ('{o.JurisdictionId}')");
        }
    }

    /// <summary>In a jurisdiction with plans, every obligation should say whether it is standing or ends with a plan.</summary>
    private void CheckTerms(IEnumerable<Obligation> obligations)
    {
        foreach (var o in obligations.Where(o => o.Term == ObligationTerm.Unclassified))
            if (scopes.TryGetValue(o.JurisdictionId, out var scope) && scope.Plans.Count > 0)
                diagnostics.Warning(o.Location,
                    $"obligation '{o.Id}' is neither standing nor bound to a plan of '{o.JurisdictionId}' ({string.Join(", ", scope.Plans.Keys.Order(StringComparer.Ordinal))}): " +
                    "add 'standing: true' with 'termBasis', or 'plan: <id>' (or a file-wide 'plan')");
    }

    /// <summary>Warns when an obligation bound to a plan is scheduled past the plan's end.</summary>
    private void CheckWithinPlan(MapReader r, ImplementationPlan plan, int? lastYear, LocalDate? lastDate)
    {
        if ((lastYear is { } y && y > plan.To.Year) || (lastDate is { } d && d > plan.To))
            diagnostics.Warning(UntilSpan(r),
                $"this obligation of plan '{plan.Id}' (to {plan.To:uuuu-MM-dd}) is scheduled past the plan's end; use 'until: plan', or make it standing");
    }
}
