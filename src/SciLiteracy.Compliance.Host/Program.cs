using SciLiteracy.Compliance.Cli;

// The one executable: `scilit <verb>`, with `run` (the worker) when no verb is given.
return CommandLine.Invoke(args);
