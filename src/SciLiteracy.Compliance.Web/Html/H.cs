namespace SciLiteracy.Compliance.Web.Html;

/// <summary>Short entry point: H.T($"&lt;p&gt;{unitName}&lt;/p&gt;") encodes unitName.</summary>
public static class H
{
    public static HtmlText T(HtmlBuilder builder) => HtmlText.Of(builder);

    public static HtmlText Each<T>(IEnumerable<T> items, Func<T, HtmlText> render) => HtmlText.Join(items.Select(render));
}
