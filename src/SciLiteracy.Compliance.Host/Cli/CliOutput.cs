using System.CommandLine;

namespace SciLiteracy.Compliance.Cli;

/// <summary>Where verbs write: stdout for results, stderr for diagnostics and errors.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Err);
