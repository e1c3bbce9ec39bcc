using System.Collections.Concurrent;

namespace Emulator.Cpu.Blocks;

/// <summary>
/// Compiles blocks on a host thread of its own, so that the guest keeps running (interpreted)
/// while the .NET JIT works. A block becomes available some time after it was asked for; since a
/// translated block does exactly what the interpreter does, when that happens changes only the
/// host's speed, never the guest's results. One worker serves every core; each core collects its
/// own finished blocks (<see cref="TryTake"/>) between instructions, on its own thread.
/// </summary>
internal sealed class BackgroundTranslator
{
    private static readonly BlockingCollection<Request> Requests = new(new ConcurrentQueue<Request>());
    private static readonly Lazy<Thread> Worker = new(StartWorker);

    private readonly ConcurrentQueue<CompiledBlock> _done = new();
    private int _pending;

    private readonly record struct Request(BackgroundTranslator Owner, Core.ArmCore Core, ulong Pc, int Generation, BlockInstruction[] Instructions);

    /// <summary>A compiled block, ready to be installed at <see cref="Pc"/>.</summary>
    public readonly record struct CompiledBlock(ulong Pc, int Generation, uint FirstWord, int Length, TranslatedBlock Code);

    /// <summary>Blocks asked for and not yet taken.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Asks for the block of <paramref name="instructions"/> (copied) at <paramref name="pc"/> of <paramref name="core"/>, translated in the core's block <paramref name="generation"/>.</summary>
    public void Enqueue(Core.ArmCore core, ulong pc, int generation, ReadOnlySpan<BlockInstruction> instructions)
    {
        _ = Worker.Value;
        Interlocked.Increment(ref _pending);
        Requests.Add(new Request(this, core, pc, generation, instructions.ToArray()));
    }

    /// <summary>A finished block, if there is one.</summary>
    public bool TryTake(out CompiledBlock block)
    {
        if (!_done.TryDequeue(out block))
            return false;
        Interlocked.Decrement(ref _pending);
        return true;
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(Work) { IsBackground = true, Name = "block translator" };
        thread.Start();
        return thread;
    }

    private static void Work()
    {
        foreach (Request request in Requests.GetConsumingEnumerable())
        {
            TranslatedBlock code = BlockCompiler.Compile(request.Core, request.Pc, request.Instructions);
            BlockCompiler.Prepare(code); // the JIT compiles it here, not on the core's thread
            request.Owner._done.Enqueue(new CompiledBlock(request.Pc, request.Generation, request.Instructions[0].Word, request.Instructions.Length, code));
        }
    }
}
