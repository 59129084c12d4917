using System.Linq.Expressions;
using System.Reflection;
using SciLiteracy.Compliance.Expressions.Facts;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>
/// The second look, at what RulesEngine built from an expression that passed <see cref="ExpressionSandbox"/>, before it is
/// compiled: every node kind, member, method and type must be on the allowlist. The parser's type provider can see more
/// (RulesEngine registers `object` and `Enumerable` itself), so this is what makes "nothing beyond the allowlist" hold
/// whatever the parser accepts. Iterative: the tree's depth is the user's.
/// </summary>
public static class ExpressionTreeAudit
{
    private static readonly HashSet<Type> ValueTypes =
        [typeof(bool), typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(float), typeof(string),
         typeof(OccurrenceFacts), typeof(UnitFacts), typeof(TargetFacts), typeof(Date), typeof(IdList)];

    private static readonly HashSet<ExpressionType> Operators =
    [
        ExpressionType.AndAlso, ExpressionType.OrElse, ExpressionType.Not, ExpressionType.Negate, ExpressionType.UnaryPlus,
        ExpressionType.Add, ExpressionType.Subtract, ExpressionType.Multiply, ExpressionType.Divide, ExpressionType.Modulo,
        ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual,
        ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual, ExpressionType.Conditional, ExpressionType.Convert,
        ExpressionType.Constant, ExpressionType.Parameter, ExpressionType.MemberAccess, ExpressionType.Call,
    ];

    /// <summary>The first thing outside the allowlist, described for the author; null when everything is allowed.</summary>
    public static string? FirstRefused(Expression body, IReadOnlyCollection<ParameterExpression> parameters)
    {
        var pending = new Stack<Expression>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!Operators.Contains(node.NodeType)) return $"a {node.NodeType} expression";
            if (!ValueTypes.Contains(node.Type)) return $"a value of type {node.Type.Name}";
            switch (node)
            {
                case ConstantExpression c when c.Value is null:
                    return "null";
                case ParameterExpression p when !parameters.Contains(p):
                    return $"the name {p.Name}";
                case MemberExpression m:
                    if (!IsAllowedMember(m.Member)) return $"{m.Member.DeclaringType?.Name}.{m.Member.Name}";
                    if (m.Expression is { } owner) pending.Push(owner);
                    break;
                case MethodCallExpression call:
                    if (call.Method.DeclaringType == typeof(string) && call.Method.Name == nameof(string.Concat) && !IsAllowedMethod(call.Method))
                        return "`+` between a string and a value that is not a string";
                    if (!IsAllowedMethod(call.Method)) return $"{call.Method.DeclaringType?.Name}.{call.Method.Name}";
                    if (call.Object is { } target) pending.Push(target);
                    foreach (var argument in call.Arguments) pending.Push(argument);
                    break;
                case BinaryExpression b:
                    if (b.Method is { } op && !IsAllowedOperator(op)) return $"{op.DeclaringType?.Name}.{op.Name}";
                    pending.Push(b.Left);
                    pending.Push(b.Right);
                    break;
                case UnaryExpression u:
                    if (u.Method is { } unary && !IsAllowedOperator(unary)) return $"{unary.DeclaringType?.Name}.{unary.Name}";
                    pending.Push(u.Operand);
                    break;
                case ConditionalExpression conditional:
                    pending.Push(conditional.Test);
                    pending.Push(conditional.IfTrue);
                    pending.Push(conditional.IfFalse);
                    break;
            }
        }
        return null;
    }

    private static bool IsAllowedMember(MemberInfo member) =>
        member.IsDefined(typeof(RuleVisibleAttribute)) && ValueTypes.Contains(member.DeclaringType!)
        || (member.DeclaringType == typeof(string) && member.Name == nameof(string.Length));

    private static bool IsAllowedMethod(MethodInfo method) =>
        method.IsDefined(typeof(RuleVisibleAttribute)) && (ValueTypes.Contains(method.DeclaringType!) || method.DeclaringType == typeof(ConditionHelpers))
        || (method.DeclaringType == typeof(Math) && ExpressionSandbox.MathMethods.Contains(method.Name))
        || (method.DeclaringType == typeof(string) && !method.IsStatic && ExpressionSandbox.StringMethods.Contains(method.Name)
            && method.GetParameters() is [{ ParameterType: var p }] && p == typeof(string))
        // Concat: what `+` on two strings becomes.
        || (method.DeclaringType == typeof(string) && method.IsStatic
            && (ExpressionSandbox.StringStaticMethods.Contains(method.Name) || method.Name == nameof(string.Concat))
            && method.GetParameters().All(p => p.ParameterType == typeof(string)));

    /// <summary>Operators the parser binds to a method: string equality and the facts' own comparison operators.</summary>
    private static bool IsAllowedOperator(MethodInfo method) =>
        method.IsSpecialName && method.Name.StartsWith("op_", StringComparison.Ordinal)
        && (method.DeclaringType == typeof(string) || method.DeclaringType == typeof(Date) || method.DeclaringType == typeof(decimal));
}
