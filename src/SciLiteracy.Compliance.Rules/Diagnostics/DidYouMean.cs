namespace SciLiteracy.Compliance.Rules.Diagnostics;

/// <summary>Suggests the nearest known name for a misspelt one.</summary>
public static class DidYouMean
{
    public static string? Nearest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // A near miss: at most a third of the name differs (and always allow one slip).
        return best is not null && bestDistance <= Math.Max(1, Math.Max(given.Length, best.Length) / 3) ? best : null;
    }

    /// <summary>" (did you mean 'x'?)", or nothing when no candidate is near.</summary>
    public static string Hint(string given, IEnumerable<string> candidates) =>
        Nearest(given, candidates) is { } near ? $" (did you mean '{near}'?)" : "";

    /// <summary>Edit distance counting a swap of two neighbours as one edit (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return int.MaxValue / 2;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
