using System.Collections.Concurrent;
using HandlebarsDotNet;

namespace SciLiteracy.Compliance.Notifications.Rendering;

/// <summary>
/// Renders messages from the editable Handlebars templates under rules/templates/:
/// NAME.subject.hbs, NAME.txt.hbs and NAME.html.hbs (NAME is what the rule loader sees).
/// </summary>
public sealed class MessageRenderer(string templatesDirectory)
{
    // Text parts and subjects are not HTML: escaping would show "&lt;" to the reader.
    private readonly IHandlebars text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private readonly IHandlebars html = Handlebars.Create();
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> cache = new();

    public string TemplatesDirectory => templatesDirectory;

    public RenderedMessage Render(string name, object model) => new(
        Compile(name, "subject", text)(model).ReplaceLineEndings(" ").Trim(),
        Compile(name, "txt", text)(model),
        Compile(name, "html", html)(model));

    private HandlebarsTemplate<object, object> Compile(string name, string part, IHandlebars engine) =>
        cache.GetOrAdd($"{name}.{part}", _ =>
        {
            var path = Path.Combine(templatesDirectory, $"{name}.{part}.hbs");
            if (!File.Exists(path)) throw new TemplateException($"{path}:1:1: error: template missing (every template needs NAME.subject.hbs, NAME.txt.hbs and NAME.html.hbs)");
            try { return engine.Compile(File.ReadAllText(path)); }
            catch (HandlebarsException e) { throw new TemplateException($"{path}:1:1: error: {e.Message}"); }
        });
}
