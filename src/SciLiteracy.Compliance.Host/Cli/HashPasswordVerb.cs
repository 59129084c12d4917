using System.CommandLine;
using SciLiteracy.Compliance.Web.Security;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit hash-password`: reads a password from stdin and prints its PBKDF2 hash for Web:Accounts in appsettings.json.</summary>
public static class HashPasswordVerb
{
    public static Command Create(CliOutput output)
    {
        var command = new Command("hash-password", "Read a password on stdin; print the hash for a Web:Accounts entry");
        command.SetAction(_ =>
        {
            var password = Console.In.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                output.Err.WriteLine("error: no password on stdin");
                return 1;
            }
            output.Out.WriteLine(OfficeLogin.Hash(password));
            return 0;
        });
        return command;
    }
}
