namespace SciLiteracy.Compliance.Notifications.Channels;

/// <summary>What a transport reports for one message: how it ended and, if not delivered, the server's reply or the error.</summary>
public sealed record DeliveryResult(DeliveryStatus Status, string? Reply = null)
{
    public static readonly DeliveryResult Delivered = new(DeliveryStatus.Delivered);

    public static DeliveryResult Refused(string reply) => new(DeliveryStatus.Refused, reply);
    public static DeliveryResult Deferred(string reply) => new(DeliveryStatus.Deferred, reply);
    public static DeliveryResult Unavailable(string error) => new(DeliveryStatus.Unavailable, error);
    public static DeliveryResult Uncertain(string error) => new(DeliveryStatus.Uncertain, error);
}
