namespace SciLiteracy.Compliance.Application;

/// <summary>A request a use case cannot carry out, said in one line a front end shows as it is (never a stack trace).</summary>
public sealed class UseCaseException(string message) : Exception(message);
