namespace SciLiteracy.Compliance.State;

/// <summary>A state file from a newer scilit, or one that cannot be opened: reported in one line, file untouched.</summary>
public sealed class StateFileException(string message, Exception? inner = null) : Exception(message, inner);
