using System.Security.Cryptography;
using System.Text;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>The signature 钉钉 and 飞书 both use: base64(HMAC-SHA256(key, message)), each naming its own key and message.</summary>
public static class RobotSignature
{
    public static string HmacSha256Base64(string key, string message) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message)));
}
