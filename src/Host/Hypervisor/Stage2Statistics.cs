using System.Text.Json;

namespace Emulator.Host.Hypervisor;

/// <summary>What the hypervisor model did, for the report's <c>stage2</c> object.</summary>
public sealed class Stage2Statistics
{
    public ulong TranslationFaults;
    public ulong PermissionFaults;
    public ulong PagesMapped;
    public ulong PagesCleaned;
    public ulong MmioExits;
    public ulong TrappedInstructions;
    public ulong VmFlushes;

    /// <summary>
    /// Writes <c>"stage2": { policy, translation_faults, permission_faults, pages_mapped,
    /// pages_cleaned, dirty_pages, mmio_exits, trapped_instructions, vm_flushes }</c>; pages are 4 KB.
    /// </summary>
    public void Write(Utf8JsonWriter writer, string policy, ulong dirtyPages)
    {
        writer.WriteStartObject("stage2");
        writer.WriteString("policy", policy);
        writer.WriteNumber("translation_faults", TranslationFaults);
        writer.WriteNumber("permission_faults", PermissionFaults);
        writer.WriteNumber("pages_mapped", PagesMapped);
        writer.WriteNumber("pages_cleaned", PagesCleaned);
        writer.WriteNumber("dirty_pages", dirtyPages);
        writer.WriteNumber("mmio_exits", MmioExits);
        writer.WriteNumber("trapped_instructions", TrappedInstructions);
        writer.WriteNumber("vm_flushes", VmFlushes);
        writer.WriteEndObject();
    }
}
