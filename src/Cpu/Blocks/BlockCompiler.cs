using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Blocks;

/// <summary>
/// Compiles a block of instructions into one method (IL, compiled by the .NET JIT), so that each
/// instruction is a direct call of its handler with its word as a constant, with no fetch, decode
/// lookup or dispatch in between. The method does what the interpreter loop does, in the same
/// order, and stops between two instructions whenever the loop would have to look:
/// <list type="bullet">
/// <item>Before each instruction after the first, the word in memory must still be the one
/// translated (a store may have changed the code); if not, the block stops before it and is
/// dropped.</item>
/// <item>Each instruction is counted and charged its issue cost before it runs (counts of pure
/// instructions, <see cref="BlockRole.Pure"/>, are batched until the next instruction that could
/// observe them); PC and the next PC are set before every instruction that is not pure.</item>
/// <item>After every instruction that is not pure the block goes on only if the next PC is the
/// following instruction (a branch taken, or an exception, leaves, unless it goes back to the
/// block's own head, which runs the block again when the loop would); after one that may do more
/// than compute (<see cref="BlockRole.Checked"/>: memory, system instructions) also only if the
/// run loop's stop point has not been reached (a device interrupt, a stop request or the end of
/// the budget set it) and the fetch fast path is unchanged (an exception, TLB maintenance or an
/// L1I change drop it).</item>
/// <item>Without the cache model, a specialized load or store is first tried on the software
/// TLB's fast path (its Try twin), which changes nothing the run loop watches: counts stay
/// pending and no PC is set; only when that cannot do it does the full handler run as above.</item>
/// <item>A block that leaves goes on with the block at the next PC itself (a tail call) when
/// RunBlocks would run that block next (<see cref="ArmCore.ChainedBlock"/>).</item>
/// </list>
/// </summary>
internal static unsafe class BlockCompiler
{
    private static readonly Type[] HandlerParameters = [typeof(ArmCore), typeof(uint)];
    private static readonly Type[] BlockParameters = [typeof(ArmCore), typeof(byte).MakeByRefType()];

    private readonly record struct StaleExit(Label Label, long Instructions, long Cycles, ulong Pc);

    private static readonly MethodInfo IsNullRef = typeof(Unsafe).GetMethod(nameof(Unsafe.IsNullRef))!.MakeGenericMethod(typeof(byte));

    /// <summary>
    /// The block of <paramref name="instructions"/> starting at <paramref name="pc"/>, for
    /// <paramref name="core"/>: each handler called directly, so that the JIT may inline it (or
    /// through its pointer where it has no method: <see cref="HandlerMethods.Find"/>).
    /// </summary>
    public static TranslatedBlock Compile(ArmCore core, ulong pc, ReadOnlySpan<BlockInstruction> instructions) =>
        CompileMethod(pc, instructions, FastMemory(core)).CreateDelegate<TranslatedBlock>(core); // closed over the core: no argument shuffling per call

    /// <summary>
    /// Whether <paramref name="core"/>'s blocks try loads and stores on the software TLB's fast
    /// path first: without the cache model a load or store there changes nothing the run loop
    /// watches (with it, every RAM access takes the slow path).
    /// </summary>
    public static bool FastMemory(ArmCore core) => core.CacheHierarchy is null;

    /// <summary>
    /// The method of the block (its IL depends only on these arguments, not on the core, which is
    /// the delegate's target): cores of one machine running the same code can share it
    /// (<see cref="BackgroundTranslator"/>), each with a delegate of its own.
    /// </summary>
    public static DynamicMethod CompileMethod(ulong pc, ReadOnlySpan<BlockInstruction> instructions, bool fastMemory)
    {
        var method = new DynamicMethod($"block_{pc:x}", typeof(void), BlockParameters, typeof(ArmCore).Module, skipVisibility: true)
        {
            InitLocals = false, // the handlers write every local before reading it; no frame to clear on each entry
        };
        ILGenerator il = method.GetILGenerator();
        Label start = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, IsNullRef);
        il.Emit(OpCodes.Brfalse, start);
        il.Emit(OpCodes.Ret); // Prepare's call: compiled, nothing run
        il.MarkLabel(start);
        Label taken = il.DefineLabel(); // the next PC is not the following instruction
        Label takenToHead = il.DefineLabel(); // ... and is the block's own head
        var exits = new List<StaleExit>(); // a word changed: stop before it, counting what ran
        Label leave = il.DefineLabel(); // PC = next PC; nothing pending
        long pendingInstructions = 0, pendingCycles = 0;
        Label?[] jumpTargets = ForwardJumpTargets(il, instructions);
        for (int i = 0; i < instructions.Length; i++)
        {
            BlockInstruction insn = instructions[i];
            ulong address = pc + (ulong)i * 4;
            if (jumpTargets[i] is { } jumpTarget)
            {
                // A branch earlier in the block may come here: both ways arrive with nothing pending.
                EmitCount(il, pendingInstructions, pendingCycles);
                pendingInstructions = pendingCycles = 0;
                il.MarkLabel(jumpTarget);
            }
            if (i > 0)
            {
                Label stale = il.DefineLabel();
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldc_I4, i * 4);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Ldind_U4);
                il.Emit(OpCodes.Ldc_I4, unchecked((int)insn.Word));
                il.Emit(OpCodes.Bne_Un, stale);
                exits.Add(new StaleExit(stale, pendingInstructions, pendingCycles, address));
            }
            pendingInstructions++;
            pendingCycles += insn.Latency;
            if (BlockRoles.ConditionalBranchOffset(insn.Word) is { } offset
                && HandlerMethods.BranchTwin((nint)insn.Handler) is { } branchTaken)
            {
                ulong branchTarget = address + (ulong)((long)offset * 4);
                EmitConditionalBranch(il, insn.Word, branchTaken, address, branchTarget,
                    offset > 1 && i + offset < instructions.Length ? jumpTargets[i + offset] : null,
                    pendingInstructions, pendingCycles, i == instructions.Length - 1, branchTarget == pc ? takenToHead : taken);
                continue;
            }
            Label? fastDone = null;
            if (fastMemory && insn.Role == BlockRole.Checked && i < instructions.Length - 1
                && HandlerMethods.FastTwin((nint)insn.Handler) is { } fast)
            {
                // The fast path first, with the counts still pending (nothing can observe them
                // there); only when it cannot do the access, the full handler as below, which
                // leaves the counts pending again once the block goes on.
                fastDone = il.DefineLabel();
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, unchecked((int)insn.Word));
                il.Emit(OpCodes.Call, fast);
                il.Emit(OpCodes.Brtrue, fastDone.Value);
            }
            long pendingAtFastPath = pendingInstructions, pendingCyclesAtFastPath = pendingCycles;
            if (insn.Role != BlockRole.Pure)
            {
                EmitCount(il, pendingInstructions, pendingCycles);
                pendingInstructions = pendingCycles = 0;
                if (insn.Role != BlockRole.Computes)
                    EmitStore(il, ArmCore.BlockFields.CurrentLatency, (int)insn.Latency); // for an exit to the hypervisor, or WFI, that takes it back
                EmitStore(il, ArmCore.BlockFields.Pc, address);
                EmitStore(il, ArmCore.BlockFields.NextPc, address + 4);
            }
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, unchecked((int)insn.Word));
            // The full handler behind a fast path is the rare case: called, not inlined, which
            // keeps the JIT's work on the block (and its code) small.
            if (fastDone is null && HandlerMethods.Find((nint)insn.Handler) is { } target)
            {
                il.Emit(OpCodes.Call, target);
            }
            else
            {
                il.Emit(OpCodes.Ldc_I8, (long)insn.Handler);
                il.Emit(OpCodes.Conv_I);
                il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, typeof(void), HandlerParameters, null);
            }
            if (insn.Role == BlockRole.Checked && i < instructions.Length - 1)
                EmitContinueCheck(il, address + 4, taken, leave);
            else if (insn.Role == BlockRole.Computes && i < instructions.Length - 1)
            {
                int distance = BlockRoles.ConditionalBranchOffset(insn.Word) ?? 0;
                if (distance > 1 && i + distance < instructions.Length)
                {
                    // Taken to an instruction of this block: go on there, as the run loop would
                    // (same fetch line or page, and a branch changes neither the stop point nor
                    // the fetch path), rather than leave and come back through RunBlocks.
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.NextPc);
                    il.Emit(OpCodes.Ldc_I8, unchecked((long)(address + (ulong)distance * 4)));
                    il.Emit(OpCodes.Beq, jumpTargets[i + distance]!.Value);
                }
                EmitNextPcCheck(il, address + 4, taken);
            }
            if (fastDone is { } done)
            {
                EmitCount(il, -pendingAtFastPath, -pendingCyclesAtFastPath);
                il.MarkLabel(done);
                pendingInstructions = pendingAtFastPath;
                pendingCycles = pendingCyclesAtFastPath;
            }
        }
        EmitCount(il, pendingInstructions, pendingCycles);
        if (instructions[^1].Role == BlockRole.Pure)
        {
            EmitStore(il, ArmCore.BlockFields.NextPc, pc + (ulong)instructions.Length * 4);
            il.Emit(OpCodes.Br, leave); // one way out to the next block (EmitChain), compiled once
        }
        else
        {
            il.Emit(OpCodes.Br, taken);
        }
        EmitLoopBack(il, pc, instructions, start, leave, taken, takenToHead);
        foreach (StaleExit exit in exits)
        {
            il.MarkLabel(exit.Label);
            EmitCount(il, exit.Instructions, exit.Cycles);
            EmitStore(il, ArmCore.BlockFields.Pc, exit.Pc);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I8, unchecked((long)pc));
            il.Emit(OpCodes.Stfld, ArmCore.BlockFields.StaleBlockHead);
            il.Emit(OpCodes.Ret);
        }
        il.MarkLabel(leave);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.NextPc);
        il.Emit(OpCodes.Stfld, ArmCore.BlockFields.Pc);
        EmitChain(il);
        return method;
    }

    /// <summary>
    /// A conditional branch at <paramref name="address"/>, the block branching itself: the
    /// handler's twin says whether it is taken (predicted and charged); taken, the counts are
    /// settled and the block jumps to <paramref name="inBlock"/> (a later instruction of its own)
    /// or sets the next PC to <paramref name="target"/> and goes to <paramref name="taken"/>;
    /// not taken, it goes on with the counts still pending, no PC or next PC set (as the last
    /// instruction, it sets the next PC to the following one for the block's end).
    /// </summary>
    private static void EmitConditionalBranch(ILGenerator il, uint word, MethodInfo branchTaken, ulong address, ulong target,
        Label? inBlock, long pendingInstructions, long pendingCycles, bool last, Label taken)
    {
        Label notTaken = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)word));
        il.Emit(OpCodes.Ldc_I8, unchecked((long)address));
        il.Emit(OpCodes.Call, branchTaken);
        il.Emit(OpCodes.Brfalse, notTaken);
        EmitCount(il, pendingInstructions, pendingCycles);
        if (inBlock is { } jump)
        {
            il.Emit(OpCodes.Br, jump);
        }
        else
        {
            EmitStore(il, ArmCore.BlockFields.NextPc, target);
            il.Emit(OpCodes.Br, taken);
        }
        il.MarkLabel(notTaken);
        if (last)
            EmitStore(il, ArmCore.BlockFields.NextPc, address + 4);
    }

    /// <summary>A label for each instruction that a forward conditional branch of the block targets (not the next one); null elsewhere.</summary>
    private static Label?[] ForwardJumpTargets(ILGenerator il, ReadOnlySpan<BlockInstruction> instructions)
    {
        var targets = new Label?[instructions.Length];
        for (int i = 0; i < instructions.Length - 1; i++)
        {
            int distance = instructions[i].Role == BlockRole.Computes ? BlockRoles.ConditionalBranchOffset(instructions[i].Word) ?? 0 : 0;
            if (distance > 1 && i + distance < instructions.Length)
                targets[i + distance] ??= il.DefineLabel();
        }
        return targets;
    }

    /// <summary>
    /// The end of a block that has set PC: it goes on, through a tail call, with the block at PC
    /// when RunBlocks would run that one next (<see cref="ArmCore.ChainedBlock"/>), so that a
    /// block's usual successor is one jump away rather than a return, RunBlocks's checks and a
    /// call; else it returns.
    /// </summary>
    private static void EmitChain(ILGenerator il)
    {
        LocalBuilder next = il.DeclareLocal(typeof(TranslatedBlock));
        Label done = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, ArmCore.BlockFields.ChainedBlock);
        il.Emit(OpCodes.Stloc, next);
        il.Emit(OpCodes.Ldloc, next);
        il.Emit(OpCodes.Brfalse, done);
        il.Emit(OpCodes.Ldloc, next);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.Pc);
        il.Emit(OpCodes.Call, ArmCore.BlockFields.CodeAt);
        il.Emit(OpCodes.Tailcall);
        il.Emit(OpCodes.Callvirt, InvokeBlock);
        il.Emit(OpCodes.Ret);
        il.MarkLabel(done);
        il.Emit(OpCodes.Ret);
    }

    private static readonly MethodInfo InvokeBlock = typeof(TranslatedBlock).GetMethod(nameof(TranslatedBlock.Invoke))!;

    /// <summary>Makes the JIT compile <paramref name="block"/> now, on this thread, without running it.</summary>
    public static void Prepare(TranslatedBlock block) => block(ref Unsafe.NullRef<byte>());

    /// <summary>
    /// Goes on to the instruction at <paramref name="next"/> only if the run loop would; to
    /// <paramref name="taken"/> when the next PC is elsewhere, else to <paramref name="leave"/>.
    /// </summary>
    private static void EmitContinueCheck(ILGenerator il, ulong next, Label taken, Label leave)
    {
        EmitNextPcCheck(il, next, taken);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.Instructions);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.StopAt);
        il.Emit(OpCodes.Bge_Un, leave);
        EmitFetchPathCheck(il, leave);
    }

    /// <summary>To <paramref name="taken"/> when the next PC is not <paramref name="next"/>.</summary>
    private static void EmitNextPcCheck(ILGenerator il, ulong next, Label taken)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.NextPc);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)next));
        il.Emit(OpCodes.Bne_Un, taken);
    }

    /// <summary>To <paramref name="leave"/> when the fetch fast path has changed (InvalidateFetch, an L1I change).</summary>
    private static void EmitFetchPathCheck(ILGenerator il, Label leave)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.FetchChanges);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.ChangeCounterValue);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.FetchChangesSeen);
        il.Emit(OpCodes.Bne_Un, leave);
    }

    /// <summary>
    /// At <paramref name="taken"/> (a branch or an exception chose the next PC), or at
    /// <paramref name="takenToHead"/> (a conditional branch to the head was taken): a branch back to
    /// the block's own head runs the block again, as the run loop would enter it, when its first
    /// word is unchanged, the whole block still fits before the stop point and the fetch fast path
    /// is unchanged; anything else leaves.
    /// </summary>
    private static void EmitLoopBack(ILGenerator il, ulong pc, ReadOnlySpan<BlockInstruction> instructions, Label start, Label leave, Label taken, Label takenToHead)
    {
        il.MarkLabel(taken);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.NextPc);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)pc));
        il.Emit(OpCodes.Bne_Un, leave);
        il.MarkLabel(takenToHead); // a branch known to go to the head (it set the next PC) comes in here
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldind_U4);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)instructions[0].Word));
        il.Emit(OpCodes.Bne_Un, leave);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.Instructions);
        il.Emit(OpCodes.Ldc_I8, (long)instructions.Length);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, ArmCore.BlockFields.StopAt);
        il.Emit(OpCodes.Bgt_Un, leave);
        EmitFetchPathCheck(il, leave);
        il.Emit(OpCodes.Br, start);
    }

    /// <summary>Instructions += <paramref name="instructions"/>; busy cycles += <paramref name="cycles"/>.</summary>
    private static void EmitCount(ILGenerator il, long instructions, long cycles)
    {
        if (instructions == 0)
            return;
        EmitAdd(il, ArmCore.BlockFields.Instructions, instructions);
        if (cycles != 0)
            EmitAdd(il, ArmCore.BlockFields.BusyCycles, cycles);
    }

    private static void EmitAdd(ILGenerator il, FieldInfo field, long value)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        il.Emit(OpCodes.Ldc_I8, value);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stfld, field);
    }

    private static void EmitStore(ILGenerator il, FieldInfo field, ulong value)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)value));
        il.Emit(OpCodes.Stfld, field);
    }

    private static void EmitStore(ILGenerator il, FieldInfo field, int value)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, value);
        il.Emit(OpCodes.Stfld, field);
    }
}
