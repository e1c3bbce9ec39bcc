using System.Collections.Concurrent;
using System.Reflection.Emit;

namespace Emulator.Cpu.Blocks;

/// <summary>
/// Compiles blocks on a host thread of its own, so that the guest keeps running (interpreted)
/// while the .NET JIT works. A block becomes available some time after it was asked for; since a
/// translated block does exactly what the interpreter does, when that happens changes only the
/// host's speed, never the guest's results. One worker serves every core; each core collects its
/// own finished blocks (<see cref="TryTake"/>) between instructions, on its own thread.
/// A block whose instructions another core's block already had at the same head is not compiled
/// again: the cores share its method, each with a delegate bound to itself.
/// </summary>
internal sealed class BackgroundTranslator
{
    private static readonly BlockingCollection<Request> Requests = new(new ConcurrentQueue<Request>());
    private static readonly Lazy<Thread> Worker = new(StartWorker);

    private readonly ConcurrentQueue<CompiledBlock> _done = new();
    private int _ready;

    private readonly record struct Request(BackgroundTranslator Owner, Core.ArmCore Core, ulong Pc, int Generation, BlockInstruction[] Instructions);

    /// <summary>A compiled block, ready to be installed at <see cref="Pc"/>.</summary>
    public readonly record struct CompiledBlock(ulong Pc, int Generation, BlockInstruction[] Instructions, TranslatedBlock Code);

    /// <summary>Blocks compiled and not yet taken: what the core checks before it looks in the queue (a look at an empty queue costs it more).</summary>
    public int Ready => Volatile.Read(ref _ready);

    /// <summary>
    /// Asks for the block of <paramref name="instructions"/> (kept, not copied: it identifies the
    /// block) at <paramref name="pc"/> of <paramref name="core"/>, translated in the core's block
    /// <paramref name="generation"/>.
    /// </summary>
    public void Enqueue(Core.ArmCore core, ulong pc, int generation, BlockInstruction[] instructions)
    {
        _ = Worker.Value;
        Requests.Add(new Request(this, core, pc, generation, instructions));
    }

    /// <summary>A finished block, if there is one.</summary>
    public bool TryTake(out CompiledBlock block)
    {
        if (!_done.TryDequeue(out block))
            return false;
        Interlocked.Decrement(ref _ready);
        return true;
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(Work) { IsBackground = true, Name = "block translator" };
        thread.Start();
        return thread;
    }

    private static IEnumerator<Action>? _warmUp;
    private static int _warmUpStarted;

    /// <summary>
    /// Gives the worker <paramref name="steps"/> to run, one at a time, whenever no block waits to
    /// be compiled (once per process; starts the worker).
    /// </summary>
    public static void StartWarmUp(IEnumerable<Action> steps)
    {
        if (Interlocked.Exchange(ref _warmUpStarted, 1) != 0)
            return;
        Volatile.Write(ref _warmUp, steps.GetEnumerator());
        _ = Worker.Value;
        Requests.Add(default); // wakes the worker if it waits for a block
    }

    // Block methods by head, for every core (the worker's alone: no lock): the cores of a machine
    // run the same kernel, so a block one core asked for is often asked for by the others.
    private static readonly Dictionary<(ulong Pc, bool FastMemory), (BlockInstruction[] Source, DynamicMethod Method)> Methods = [];

    /// <summary>
    /// The method of the request's block: the one compiled for another core when its instructions
    /// (words, handlers, issue costs, roles) are the same, which makes the same IL; else a new one.
    /// </summary>
    private static DynamicMethod SharedMethod(Request request)
    {
        bool fastMemory = BlockCompiler.FastMemory(request.Core);
        var key = (request.Pc, fastMemory);
        if (Methods.TryGetValue(key, out var known) && SameInstructions(known.Source, request.Instructions))
            return known.Method;
        DynamicMethod method = BlockCompiler.CompileMethod(request.Pc, request.Instructions, fastMemory);
        Methods[key] = (request.Instructions, method);
        return method;
    }

    private static unsafe bool SameInstructions(BlockInstruction[] a, BlockInstruction[] b)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].Word != b[i].Word || (nint)a[i].Handler != (nint)b[i].Handler || a[i].Latency != b[i].Latency || a[i].Role != b[i].Role)
                return false;
        }
        return true;
    }

    private static void Work()
    {
        while (true)
        {
            Request request;
            if (!Requests.TryTake(out request))
            {
                IEnumerator<Action>? warmUp = Volatile.Read(ref _warmUp);
                if (warmUp is not null && warmUp.MoveNext())
                {
                    warmUp.Current();
                    continue;
                }
                Volatile.Write(ref _warmUp, null);
                request = Requests.Take();
            }
            if (request.Owner is null)
                continue; // a wake-up
            TranslatedBlock code = SharedMethod(request).CreateDelegate<TranslatedBlock>(request.Core);
            BlockCompiler.Prepare(code); // the JIT compiles it here, not on the core's thread (once per method)
            request.Owner._done.Enqueue(new CompiledBlock(request.Pc, request.Generation, request.Instructions, code));
            Interlocked.Increment(ref request.Owner._ready);
        }
    }
}
