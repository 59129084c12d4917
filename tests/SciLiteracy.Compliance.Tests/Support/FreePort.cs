using System.Net;
using System.Net.Sockets;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>A port of 127.0.0.1 that nothing listens on just now: for a test server to take, or as a server that is down.</summary>
public static class FreePort
{
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
