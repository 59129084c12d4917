namespace SciLiteracy.Compliance.Domain.Scheduling;

/// <summary>A distance from a due date: <c>7d</c> calendar days or <c>3wd</c> working days.</summary>
public readonly record struct DayOffset(int Amount, OffsetUnit Unit)
{
    public static DayOffset Days(int amount) => new(amount, OffsetUnit.Days);
    public static DayOffset WorkingDays(int amount) => new(amount, OffsetUnit.WorkingDays);

    public static bool TryParse(string text, out DayOffset offset)
    {
        offset = default;
        var t = text.Trim();
        var unit = t.EndsWith("wd", StringComparison.Ordinal) ? OffsetUnit.WorkingDays
            : t.EndsWith('d') ? OffsetUnit.Days : (OffsetUnit?)null;
        if (unit is null) return false;
        var digits = t[..^(unit == OffsetUnit.WorkingDays ? 2 : 1)];
        if (digits.Length is 0 or > 4 || !digits.All(char.IsAsciiDigit)) return false;
        offset = new DayOffset(int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), unit.Value);
        return true;
    }

    public override string ToString() => Unit == OffsetUnit.WorkingDays ? $"{Amount}wd" : $"{Amount}d";
}
