namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>The board's colours: 蓝 due soon, 黄 behind pace or urged, 红 overdue; done ones are off the board.</summary>
public enum BoardColor { Blue, Yellow, Red, Done }
