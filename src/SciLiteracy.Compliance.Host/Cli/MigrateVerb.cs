using System.CommandLine;
using Dapper;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Postgres;

namespace SciLiteracy.Compliance.Cli;

/// <summary>
/// `scilit migrate --to postgres`: copies one office's SQLite state file, history included, into an empty PostgreSQL
/// database in one transaction, then reads it back to check nothing was lost. The file is left as it was.
/// </summary>
public static class MigrateVerb
{
    public const string ConnectionVariable = "State__ConnectionString";

    public static Command Create(CliOutput output)
    {
        var state = CommonOptions.State();
        var to = new Option<string>("--to") { Description = "The store to move the state into", Required = true }.AcceptOnlyFromAmong("postgres");
        var connection = new Option<string>("--connection")
        {
            Description = $"Npgsql connection string of the target database; default: the environment variable {ConnectionVariable}",
        };
        var command = new Command("migrate", "Move an office's state file (history included) into an empty PostgreSQL database") { state, to, connection };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(state)!;
            if (!File.Exists(file))
            {
                output.Err.WriteLine($"{file}: error: no state file to migrate");
                return 1;
            }
            if ((parse.GetValue(connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable)) is not { Length: > 0 } target)
            {
                output.Err.WriteLine($"error: no target database: give --connection or set {ConnectionVariable}");
                return 1;
            }
            if (StateVerbSupport.OpenStateFile(file, output) is not { } source) return 1;
            var history = StateHistory.Of(source, source.StoredEpoch());
            try
            {
                using var postgres = new PostgresStateStore(target);
                postgres.Import(history);
                var copied = StateHistory.Of(postgres, history.Epoch);
                if (copied.Counts != history.Counts)
                {
                    output.Err.WriteLine($"{postgres.Where}: error: read back {copied.Counts}, expected {history.Counts}");
                    return 1;
                }
                output.Out.WriteLine($"migrated {history.Counts} from {file} to {postgres.Where}");
                return 0;
            }
            catch (StateFileException e)
            {
                output.Err.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
