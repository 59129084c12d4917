namespace SciLiteracy.Compliance.State;

/// <summary>Where an act came from: the command line or the web front end.</summary>
public static class Sources
{
    public const string Cli = "cli", Web = "web";
}
