namespace Emulator.Mmu.Caches;

/// <summary>A cache configuration that cannot be used; the message is one line naming the file and field.</summary>
public sealed class CacheConfigException(string message) : Exception(message);
