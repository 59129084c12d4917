namespace SciLiteracy.Compliance.Composition;

/// <summary>A configuration value that cannot be used; reported as one line, never a stack trace.</summary>
public sealed class SettingsException(string message) : Exception(message);
