using System.Reflection;
using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Blocks;

/// <summary>
/// Has the JIT compile every instruction handler on the block translator's host thread while the
/// program starts and whenever that thread has no block to compile, instead of on the core's thread
/// the first time the guest runs each one (the handlers are compiled fully optimized at first use,
/// a few milliseconds each, hundreds of them). A handler the guest reaches first is compiled there
/// as before; nothing depends on the order.
/// </summary>
public static class HandlerWarmUp
{
    /// <summary>Starts the warm-up (once per process).</summary>
    public static void Start() => BackgroundTranslator.StartWarmUp(Handlers());

    /// <summary>One step per handler: the run loop first, then every handler method.</summary>
    private static IEnumerable<Action> Handlers()
    {
        yield return () => RuntimeHelpers.PrepareMethod(typeof(Core.ArmCore).GetMethod(nameof(Core.ArmCore.Run))!.MethodHandle);
        foreach (MethodInfo handler in HandlerMethods.All)
            yield return () => Prepare(handler);
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
