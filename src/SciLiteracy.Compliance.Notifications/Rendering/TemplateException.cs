using System.Collections.Concurrent;
using HandlebarsDotNet;

namespace SciLiteracy.Compliance.Notifications.Rendering;

/// <summary>A template that is missing or does not compile, named by its file.</summary>
public sealed class TemplateException(string message) : Exception(message);
