using System.Reflection;
using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Blocks;

/// <summary>
/// Has the run loop, its memory, fetch and cache paths and every instruction handler made ready to
/// run on the block translator's host thread while the program starts and whenever that thread has
/// no block to compile, instead of on the core's thread the first time the guest reaches each one:
/// the paths marked AggressiveOptimization are compiled fully optimized there, the handlers bound to
/// their ahead-of-time (ReadyToRun) code, or compiled where there is none (hundreds of them). A
/// method the guest reaches first is made ready there as before; nothing depends on the order.
/// </summary>
public static class HandlerWarmUp
{
    /// <summary>Starts the warm-up (once per process).</summary>
    public static void Start() => BackgroundTranslator.StartWarmUp(Handlers());

    /// <summary>
    /// One step per method: the run loop and the memory, fetch and cache paths it calls (the
    /// methods of the core and the cache model marked AggressiveOptimization) first, then every
    /// handler method.
    /// </summary>
    private static IEnumerable<Action> Handlers()
    {
        foreach (MethodInfo method in HotPaths())
            yield return () => RuntimeHelpers.PrepareMethod(method.MethodHandle);
        foreach (MethodInfo handler in HandlerMethods.All)
            yield return () => Prepare(handler);
    }

    private static IEnumerable<MethodInfo> HotPaths()
    {
        Type[] types = [typeof(Core.ArmCore), typeof(Mmu.Caches.CacheHierarchy), typeof(Mmu.Caches.Cache), typeof(Mmu.Physical.Ram)];
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        yield return typeof(Core.ArmCore).GetMethod(nameof(Core.ArmCore.Run))!;
        foreach (Type type in types)
        {
            foreach (MethodInfo method in type.GetMethods(declared))
            {
                if (!method.IsGenericMethodDefinition && method.Name != nameof(Core.ArmCore.Run)
                    && (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0)
                    yield return method;
            }
        }
    }

    private static void Prepare(MethodInfo handler)
    {
        if (handler.IsGenericMethod)
        {
            RuntimeTypeHandle[] arguments = Array.ConvertAll(handler.GetGenericArguments(), t => t.TypeHandle);
            RuntimeHelpers.PrepareMethod(handler.GetGenericMethodDefinition().MethodHandle, arguments);
        }
        else
        {
            RuntimeHelpers.PrepareMethod(handler.MethodHandle);
        }
    }
}
