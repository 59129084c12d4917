namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>Waiting for a condition with a bound, polling, instead of sleeping a fixed time.</summary>
public static class Wait
{
    /// <summary>The first non-null (or true) answer of <paramref name="probe"/>; fails the test after <paramref name="bound"/>.</summary>
    public static T Until<T>(Func<T?> probe, TimeSpan bound, string? what = null)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var answer = probe();
            if (answer is not null && answer is not false) return answer;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {bound}: {what ?? "the condition"}");
            Thread.Sleep(50);
        }
    }
}
