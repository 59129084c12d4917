using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>
/// A real assembly for planting: its class has the name earlier versions bound compiled conditions to, and its
/// constructor writes a marker file, as the planted DLL of the red-team run read the SMTP password.
/// </summary>
public static class PlantedAssembly
{
    private const string TypeName = "SciLiteracy.Compliance.Expressions.Generated.RuleConditions";

    public static string Write(string path, string marker)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("Planted" + Guid.NewGuid().ToString("N")), typeof(object).Assembly);
        var type = assembly.DefineDynamicModule("Planted").DefineType(TypeName, TypeAttributes.Public | TypeAttributes.Sealed);
        var il = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, Type.EmptyTypes).GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(object).GetConstructor(Type.EmptyTypes)!);
        il.Emit(OpCodes.Ldstr, marker);
        il.Emit(OpCodes.Ldstr, "planted code ran");
        il.Emit(OpCodes.Call, typeof(File).GetMethod(nameof(File.WriteAllText), [typeof(string), typeof(string)])!);
        il.Emit(OpCodes.Ret);
        type.CreateType();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        assembly.Save(path);
        return path;
    }

    /// <summary>What loading it as a compiled-conditions cache did: load, instantiate.</summary>
    public static void Run(string path)
    {
        var context = new AssemblyLoadContext("planted", isCollectible: true);
        try
        {
            using var image = new MemoryStream(File.ReadAllBytes(path));
            Activator.CreateInstance(context.LoadFromStream(image).GetType(TypeName, throwOnError: true)!);
        }
        finally
        {
            context.Unload();
        }
    }
}
