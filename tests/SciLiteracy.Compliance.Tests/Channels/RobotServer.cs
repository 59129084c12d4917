using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>
/// A local HTTP server (HttpListener on a free loopback port) playing one chat platform, with that platform's documented
/// checks: which robot the request is for, its rate limit (answered with the platform's code), then the signature, the
/// timestamp window and the size (<see cref="Check"/>). It records every request with the time on the test's clock.
/// </summary>
public abstract class RobotServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<RobotPost> posts = [];
    private readonly Dictionary<string, List<DateTimeOffset>> requests = [];
    private readonly Dictionary<string, DateTimeOffset> blockedUntil = [];
    private readonly Dictionary<string, int> forcedLimits = [];
    private readonly Task loop;
    private readonly IReadOnlyList<(int Count, TimeSpan Per)> limits;
    private readonly (int Code, string Message) limited;
    private readonly (int Code, string Message) unknownRobot;
    private readonly TimeSpan block;

    /// <summary>
    /// Each robot's <paramref name="limits"/> (count per window), over any of them the <paramref name="limited"/> answer and
    /// then <paramref name="block"/> of refusals (钉钉: 10 minutes); <paramref name="unknownRobot"/> for a robot it does not know.
    /// </summary>
    protected RobotServer(IReadOnlyList<(int Count, TimeSpan Per)> limits, (int Code, string Message) limited, (int Code, string Message) unknownRobot,
        TimeSpan block = default)
    {
        (this.limits, this.limited, this.unknownRobot, this.block) = (limits, limited, unknownRobot, block);
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUrl = $"http://127.0.0.1:{port}";
            listener.Prefixes.Clear();
            listener.Prefixes.Add(BaseUrl + "/");
            try
            {
                listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>The platform's clock; the test's virtual clock when the channel runs on one.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Robots the platform knows: their id in the URL or body (key, access token, hook) → their secret (null: unsigned).</summary>
    public Dictionary<string, string?> Robots { get; } = [];

    public IReadOnlyList<RobotPost> Posts
    {
        get { lock (posts) return posts.ToList(); }
    }

    /// <summary>Answers the next <paramref name="count"/> requests for <paramref name="robot"/> with the limit error, as if others had used its quota.</summary>
    public void ExhaustQuota(string robot, int count)
    {
        lock (posts) forcedLimits[robot] = count;
    }

    /// <summary>The robot the request is for (null: unknown) and the content posted.</summary>
    protected abstract (string? Robot, string Content) Identify(HttpListenerRequest request, byte[] body);

    /// <summary>The platform's own checks of a request for a known robot: (0, "ok") when it passes.</summary>
    protected abstract (int Code, string Message) Check(HttpListenerRequest request, byte[] body, string? secret, DateTimeOffset now);

    /// <summary>The reply as the platform words it.</summary>
    protected virtual object Reply(int code, string message) => new { errcode = code, errmsg = message };

    /// <summary>The most requests <paramref name="robot"/> received in any window of <paramref name="per"/> (half-open), as the server measured them.</summary>
    public int MostIn(string robot, TimeSpan per)
    {
        var times = Posts.Where(p => p.Robot == robot).Select(p => p.At).Order().ToList();
        var most = 0;
        for (int i = 0, j = 0; i < times.Count; i++)
        {
            while (times[i] - times[j] >= per) j++;
            most = Math.Max(most, i - j + 1);
        }
        return most;
    }

    public static string Hmac(string key, string message) =>
        Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message)));

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            (int Code, string Message) answer;
            // A request the platform cannot read is answered, not left hanging until the client's timeout.
            try { answer = Answer(context.Request, body); }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { answer = (400, $"bad request: {e.Message}"); }
            var (code, message) = answer;
            var reply = JsonSerializer.SerializeToUtf8Bytes(Reply(code, message));
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
    }

    private (int Code, string Message) Answer(HttpListenerRequest request, byte[] body)
    {
        var now = Clock();
        var (robot, content) = Identify(request, body);
        if (robot is null || !Robots.TryGetValue(robot, out var secret)) return unknownRobot;
        lock (posts)
        {
            var (code, message) = Limited(robot, now) ? limited : Check(request, body, secret, now);
            posts.Add(new RobotPost(robot, now, code, content, body.Length));
            return (code, message);
        }
    }

    /// <summary>Counts the request; true when it is over the robot's limit (or the robot is blocked, or its quota was used up by others).</summary>
    private bool Limited(string robot, DateTimeOffset now)
    {
        var times = requests.TryGetValue(robot, out var t) ? t : requests[robot] = [];
        times.Add(now);
        if (forcedLimits.TryGetValue(robot, out var forced) && forced > 0)
        {
            forcedLimits[robot] = forced - 1;
            blockedUntil[robot] = now + block;
            return true;
        }
        if (blockedUntil.TryGetValue(robot, out var until) && now < until) return true;
        if (limits.Any(l => times.Count(x => now - x < l.Per) > l.Count))
        {
            blockedUntil[robot] = now + block;
            return true;
        }
        return false;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        GC.SuppressFinalize(this);
    }
}
