using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>
/// A chat platform's group robot as a notification channel. The address a person gives under <c>channels:</c> is the
/// name of a robot configured under Channels:&lt;Platform&gt;:Robots; the robot's URL and secret come from configuration.
/// A message is posted as its subject, its text and its message id; a message over the platform's size is posted in
/// parts split at item boundaries (<see cref="DigestSplitter"/>), each headed (i/n). Each robot has its own queue
/// (<see cref="RobotRateLimiter"/>). The platform's error code and message become the ledger row's reply.
/// </summary>
public abstract class RobotChannel : INotificationChannel
{
    /// <summary>How often one send waits out the platform's limit error before it hands the message back to the pipeline's backoff.</summary>
    private const int LimitedRetries = 3;

    private readonly RobotChannelContext context;
    private readonly RobotPlatform platform;
    private readonly IReadOnlyDictionary<string, IConfigurationSection> robots;
    private readonly ConcurrentDictionary<string, RobotRateLimiter> limiters = new(StringComparer.OrdinalIgnoreCase);
    // Parts of a split message the platform has already accepted, so that a retry in this process posts only the rest.
    private readonly ConcurrentDictionary<string, int> partsAccepted = new(StringComparer.Ordinal);
    private readonly HttpClient http;

    protected RobotChannel(RobotChannelContext context, RobotPlatform platform)
    {
        this.context = context;
        this.platform = platform;
        robots = context.Robots();
        http = new HttpClient(context.Handler ?? new SocketsHttpHandler(), disposeHandler: context.Handler is null) { Timeout = context.Timeout };
    }

    /// <summary>The channel's name under <c>channels:</c> in people.yaml.</summary>
    public string Name => platform.Channel;

    /// <summary>Whether <paramref name="content"/>, posted by <paramref name="robot"/>, is within the platform's size.</summary>
    protected abstract bool Fits(IConfigurationSection robot, string content);

    /// <summary>The request that posts <paramref name="content"/> as <paramref name="robot"/>, signed as of <paramref name="now"/>.</summary>
    protected abstract HttpRequestMessage Request(IConfigurationSection robot, string content, Instant now);

    /// <summary>The platform's code and message in its reply: errcode and errmsg unless the platform names them otherwise.</summary>
    protected virtual (int Code, string Message)? Answer(JsonElement reply) =>
        reply.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var value)
            ? (value, reply.TryGetProperty("errmsg", out var message) ? message.ToString() : "")
            : null;

    /// <summary>One part as posted: the subject, "（i/n）" when the message is split, the text, and the message id the ledger knows.</summary>
    public static string Content(string subject, string text, string messageId, int part, int parts) =>
        $"{subject}{(parts > 1 ? $"（{part}/{parts}）" : "")}\n\n{text}\n\n消息编号 {messageId}";

    public async Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        if (!robots.TryGetValue(message.Address, out var robot))
            return DeliveryResult.Refused($"{Name}: no robot named '{message.Address}' is configured (Channels:{context.Platform.Key}:Robots:{message.Address})");
        var parts = Parts(robot, message);
        var limiter = limiters.GetOrAdd(robot.Key, _ => new RobotRateLimiter(platform.Limits, context.Clock, context.Wait));
        for (var i = partsAccepted.GetValueOrDefault(message.MessageId); i < parts.Count; i++)
        {
            var result = await PostAsync(robot, limiter, parts[i], cancellationToken);
            if (result.Status != DeliveryStatus.Delivered)
                return parts.Count == 1 ? result : result with { Reply = $"{result.Reply} (part {i + 1} of {parts.Count}; {i} accepted before it)" };
            partsAccepted[message.MessageId] = i + 1;
        }
        partsAccepted.TryRemove(message.MessageId, out _);
        return DeliveryResult.Delivered;
    }

    private List<string> Parts(IConfigurationSection robot, ChannelMessage message)
    {
        var text = message.TextBody.ReplaceLineEndings("\n").TrimEnd();
        if (Fits(robot, Content(message.Subject, text, message.MessageId, 1, 1))) return [Content(message.Subject, text, message.MessageId, 1, 1)];
        // Measured with the longest header a split can have, so that every part fits whatever its number.
        var texts = DigestSplitter.Split(text, t => Fits(robot, Content(message.Subject, t, message.MessageId, 99, 99)));
        return texts.Select((t, i) => Content(message.Subject, t, message.MessageId, i + 1, texts.Count)).ToList();
    }

    /// <summary>One part in the robot's queue; the platform's limit error rests the robot and tries again, a few times.</summary>
    private async Task<DeliveryResult> PostAsync(IConfigurationSection robot, RobotRateLimiter limiter, string content, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (result, limited) = await limiter.RunAsync(t => PostOnceAsync(robot, content, t), cancellationToken);
            if (!limited || attempt > LimitedRetries) return result;
            limiter.Rest(platform.LimitedBackoff * Math.Pow(2, attempt - 1));
        }
    }

    private async Task<(DeliveryResult Result, bool Limited)> PostOnceAsync(IConfigurationSection robot, string content, CancellationToken cancellationToken)
    {
        using var request = Request(robot, content, context.Clock.GetCurrentInstant());
        HttpResponseMessage response;
        string reply;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
            reply = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The request went out and no reply came: the platform may have posted it.
            return (DeliveryResult.Uncertain($"{Name}: no reply within {http.Timeout.TotalSeconds:0} s ({e.Message})"), false);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return (DeliveryResult.Deferred($"{Name}: HTTP 429 {reply}"), true);
            if ((int)response.StatusCode >= 500) return (DeliveryResult.Unavailable($"{Name}: HTTP {(int)response.StatusCode} {reply}".TrimEnd()), false);
            (int Code, string Message)? answer;
            try { answer = Answer(JsonDocument.Parse(reply).RootElement); }
            catch (JsonException) { answer = null; }
            if (answer is not { } a)
                return response.IsSuccessStatusCode
                    ? (DeliveryResult.Unavailable($"{Name}: a reply without a code: {reply}"), false)
                    : (DeliveryResult.Refused($"{Name}: HTTP {(int)response.StatusCode} {reply}".TrimEnd()), false);
            if (a.Code == 0) return (DeliveryResult.Delivered, false);
            var text = $"{Name} {a.Code}: {a.Message}";
            return a.Code == platform.LimitedCode ? (DeliveryResult.Deferred(text), true) : (DeliveryResult.Refused(text), false);
        }
    }
}
