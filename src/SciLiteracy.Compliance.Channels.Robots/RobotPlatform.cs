using NodaTime;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>
/// What sets one chat platform's robots apart, apart from its request and size: the channel name people use under
/// <c>channels:</c>, its configuration section (Channels:&lt;Section&gt;), the keys every robot there needs, its limits per
/// robot, the code it answers when a robot is over them and how long a robot then rests (doubled for each further one).
/// </summary>
public sealed record RobotPlatform(
    string Channel, string Section, IReadOnlyList<string> RequiredKeys, IReadOnlyList<RateLimit> Limits, int LimitedCode, Duration LimitedBackoff);
