using System.Text.RegularExpressions;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>One request a local robot server received: the robot it was for, when (on the test's clock), its answer and the text posted.</summary>
public sealed partial record RobotPost(string Robot, DateTimeOffset At, int Code, string Content, int BodyBytes)
{
    public bool Accepted => Code == 0;

    /// <summary>The message id the channel puts on every part ("消息编号 …").</summary>
    public string? MessageId => IdLine().Match(Content) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>(part, parts) from the "（i/n）" that ends a split message's first line; (1, 1) for a message in one piece.</summary>
    public (int Part, int Parts) Part => PartHeader().Match(Content.Split('\n')[0]) is { Success: true } m
        ? (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value))
        : (1, 1);

    /// <summary>The posted text between the heading and the message id.</summary>
    public string Text
    {
        get
        {
            var start = Content.IndexOf("\n\n", StringComparison.Ordinal) + 2;
            var end = Content.LastIndexOf("\n\n消息编号 ", StringComparison.Ordinal);
            return Content[start..end];
        }
    }

    [GeneratedRegex(@"\n消息编号 (\S+)$")]
    private static partial Regex IdLine();

    [GeneratedRegex(@"（(\d+)/(\d+)）$")]
    private static partial Regex PartHeader();
}
