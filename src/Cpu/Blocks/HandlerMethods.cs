using System.Reflection;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Blocks;

/// <summary>
/// The method behind each instruction handler's function pointer, so that a translated block can
/// call a handler directly (which lets the JIT inline it and fold the constant word) instead of
/// through the pointer. Built once, on the first translation: every static (ArmCore, uint) method
/// of the handler classes, and every instantiation of the generic (specialized) ones over the
/// struct types that satisfy their constraints. A pointer not found keeps the indirect call.
/// </summary>
internal static class HandlerMethods
{
    private static readonly Lazy<Dictionary<nint, MethodInfo>> Map = new(Build);

    /// <summary>Every handler method (generic ones in each instantiation).</summary>
    public static IEnumerable<MethodInfo> All => Map.Value.Values;

    /// <summary>The handler method whose entry point is <paramref name="handler"/>, or null.</summary>
    public static MethodInfo? Find(nint handler) => Map.Value.GetValueOrDefault(handler);

    /// <summary>
    /// The fast-path twin of <paramref name="handler"/>: Try + its name in the same class, with the
    /// same type arguments, returning whether it did the whole instruction (false: nothing done,
    /// run the handler); null for handlers without one.
    /// </summary>
    public static MethodInfo? FastTwin(nint handler) => Twin(handler, name => "Try" + name, [typeof(ArmCore), typeof(uint)]);

    /// <summary>
    /// The branch twin of a conditional branch's <paramref name="handler"/>: its name + Taken, with
    /// the same type arguments and the branch's address as a third parameter, returning whether the
    /// branch is taken (predicted and charged, the next PC left alone); null for other handlers.
    /// </summary>
    public static MethodInfo? BranchTwin(nint handler) => Twin(handler, name => name + "Taken", [typeof(ArmCore), typeof(uint), typeof(ulong)]);

    private static MethodInfo? Twin(nint handler, Func<string, string> name, Type[] parameters)
    {
        if (Find(handler) is not { } method
            || method.DeclaringType?.GetMethod(name(method.Name), method.IsGenericMethod ? method.GetGenericArguments().Length : 0, Any, null, parameters, null) is not { } twin
            || twin.ReturnType != typeof(bool))
            return null;
        return method.IsGenericMethod ? twin.MakeGenericMethod(method.GetGenericArguments()) : twin;
    }

    private const BindingFlags Any = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static Dictionary<nint, MethodInfo> Build()
    {
        var map = new Dictionary<nint, MethodInfo>();
        Type[] types = typeof(ArmCore).Assembly.GetTypes();
        Type[] structs = types.Where(t => t.IsValueType && !t.IsGenericTypeDefinition && !t.IsEnum).ToArray();
        foreach (Type type in types.Where(t => t.Namespace?.StartsWith("Emulator.Cpu.Instructions", StringComparison.Ordinal) == true))
        {
            foreach (MethodInfo method in type.GetMethods(Any))
            {
                if (!IsHandlerShape(method))
                    continue;
                if (!method.IsGenericMethodDefinition)
                {
                    map.TryAdd(method.MethodHandle.GetFunctionPointer(), method);
                    continue;
                }
                foreach (Type[] arguments in Instantiations(method.GetGenericArguments(), structs))
                {
                    MethodInfo instance = method.MakeGenericMethod(arguments);
                    map.TryAdd(instance.MethodHandle.GetFunctionPointer(), instance);
                }
            }
        }
        return map;
    }

    private static bool IsHandlerShape(MethodInfo method)
    {
        ParameterInfo[] parameters = method.GetParameters();
        return method.ReturnType == typeof(void) && parameters.Length == 2
            && parameters[0].ParameterType == typeof(ArmCore) && parameters[1].ParameterType == typeof(uint);
    }

    /// <summary>Every assignment of struct types to <paramref name="parameters"/> that meets their interface constraints.</summary>
    private static IEnumerable<Type[]> Instantiations(Type[] parameters, Type[] structs)
    {
        Type[][] candidates = parameters
            .Select(p => structs.Where(s => p.GetGenericParameterConstraints().All(c => c == typeof(ValueType) || c.IsAssignableFrom(s))).ToArray())
            .ToArray();
        var current = new Type[parameters.Length];
        return Assign(0);

        IEnumerable<Type[]> Assign(int index)
        {
            if (index == parameters.Length)
            {
                yield return (Type[])current.Clone();
                yield break;
            }
            foreach (Type candidate in candidates[index])
            {
                current[index] = candidate;
                foreach (Type[] result in Assign(index + 1))
                    yield return result;
            }
        }
    }
}
