namespace Emulator.Devices.Pci;

/// <summary>
/// Function 00:00.0 of QEMU's gpex: the host bridge itself ("gpex-root", Red Hat 1b36:0008,
/// class 0x060000 host bridge, subsystem 1af4:1100), a conventional 256-byte function with no BARs,
/// no capabilities and no interrupt.
/// </summary>
public sealed class PciHostBridgeFunction() : PciFunction("gpex-root", 0x1B36, 0x0008, 0x06_00_00, 0, 0x1AF4, 0x1100, ConventionalConfigSize);
