namespace SciLiteracy.Compliance.Application;

/// <summary>
/// A request a use case cannot carry out, said in one line a front end shows as it is (never a stack trace);
/// <see cref="Refusal"/> says why, for a front end that words it itself.
/// </summary>
public sealed class UseCaseException(string message, UseCaseRefusal refusal = UseCaseRefusal.NotFound) : Exception(message)
{
    public UseCaseRefusal Refusal => refusal;
}
