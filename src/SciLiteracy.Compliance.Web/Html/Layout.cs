using Microsoft.AspNetCore.Http;

namespace SciLiteracy.Compliance.Web.Html;

/// <summary>The page frame every page shares: Chinese, a viewport for phones, one stylesheet from this origin, no script.</summary>
public static class Layout
{
    public static IResult Page(string title, HtmlText body, int status = StatusCodes.Status200OK, HtmlText? nav = null) =>
        Results.Content(H.T($"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{title}</title><link rel="stylesheet" href="/site.css"></head>
            <body><header><span class="brand">全民科学素质行动 · 督办</span>{nav ?? HtmlText.Empty}</header>
            <main>{body}</main></body></html>
            """).ToString(), "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>A refusal: what happened and what to do, never a stack trace.</summary>
    public static IResult Problem(int status, string title, string explanation) =>
        Page(title, H.T($"""<section class="card refused"><h1>{title}</h1><p>{explanation}</p></section>"""), status);

    public const string Stylesheet = """
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-height:1.6;color:#1b1b1b;background:#f4f5f7}
        header{background:#1a4f8b;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
        header a,header button{color:#fff}
        .brand{font-weight:600}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        h1{font-size:1.3rem;margin:.2rem 0 .6rem}
        h2{font-size:1.1rem;margin:1rem 0 .4rem}
        .card{background:#fff;border-radius:8px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.12);overflow-wrap:anywhere}
        .refused{border-left:6px solid #c62828}
        .ok{border-left:6px solid #2e7d32}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:0}
        dt{color:#555}
        dd{margin:0}
        label{display:block;margin:.6rem 0 .2rem;font-weight:600}
        input[type=text],input[type=password],input[type=date],input[type=url],textarea,select{width:100%;padding:.55rem;font-size:1rem;border:1px solid #999;border-radius:6px}
        textarea{min-height:5rem}
        button,.button{display:inline-block;margin-top:.8rem;padding:.65rem 1.3rem;font-size:1rem;border:0;border-radius:6px;background:#1a4f8b;color:#fff;text-decoration:none;cursor:pointer}
        .inline{display:inline}
        .inline button{margin:0;padding:.3rem .7rem;font-size:.9rem}
        table{border-collapse:collapse;width:100%;background:#fff}
        th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
        .scroll{overflow-x:auto}
        .state{display:inline-block;padding:0 .5rem;border-radius:4px;color:#fff;white-space:nowrap}
        .blue{background:#1565c0}.yellow{background:#f9a825;color:#1b1b1b}.red{background:#c62828}.done{background:#2e7d32}
        .filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.5rem;align-items:end}
        .muted{color:#666;font-size:.9rem}
        details{margin-top:.6rem}
        """;
}
