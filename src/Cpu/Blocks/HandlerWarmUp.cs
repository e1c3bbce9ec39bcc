using System.Reflection;
using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Blocks;

/// <summary>
/// Has the JIT compile every instruction handler on a host thread of its own while the program
/// starts, instead of on the core's thread the first time the guest runs each one (the handlers
/// are compiled fully optimized at first use, a few milliseconds each, hundreds of them). A
/// handler the guest reaches first is compiled there as before; nothing depends on the order.
/// </summary>
public static class HandlerWarmUp
{
    private static int _started;

    /// <summary>Starts the warm-up (once per process).</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
            return;
        var thread = new Thread(Prepare) { IsBackground = true, Name = "handler warm-up", Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }

    private static void Prepare()
    {
        RuntimeHelpers.PrepareMethod(typeof(Core.ArmCore).GetMethod(nameof(Core.ArmCore.Run))!.MethodHandle);
        foreach (MethodInfo handler in HandlerMethods.All)
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
}
