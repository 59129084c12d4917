using System.Collections.Concurrent;
using HandlebarsDotNet;

namespace SciLiteracy.Compliance.Notifications.Rendering;

public sealed record RenderedMessage(string Subject, string Text, string Html);
