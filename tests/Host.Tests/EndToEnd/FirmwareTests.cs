using System.Text;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Firmware from flash: Debian's U-Boot for QEMU (u-boot-qemu, qemu_arm64) and EDK2
/// (qemu-efi-aarch64) started with -bios, typed at over the PL011 once their prompt shows, on the
/// emulator and on QEMU (qemu-system-aarch64 -M virt -cpu cortex-a57 -nographic -bios ...).
/// Skipped when the firmware packages (or QEMU, for its half) are missing, unless
/// EMULATOR_REQUIRE_TOOLS=1.
/// </summary>
public sealed class FirmwareTests
{
    private const string UBoot = "/usr/lib/u-boot/qemu_arm64/u-boot.bin";
    private const string Edk2 = "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd";

    private static bool Have(string file)
    {
        if (File.Exists(file))
            return true;
        Assert.False(EmulatorProcess.ToolsRequired, $"{file} is missing (scripts/install-deps.sh installs u-boot-qemu and qemu-efi-aarch64)");
        return false;
    }

    private static string? Qemu()
    {
        string? qemu = EmulatorProcess.FindTool("qemu-system-aarch64");
        Assert.False(qemu is null && EmulatorProcess.ToolsRequired, "qemu-system-aarch64 is missing");
        return qemu;
    }

    /// <summary>Stops the autoboot countdown, runs version and poweroff: what both machines must print.</summary>
    private static void VersionAndPoweroff(SerialConversation c)
    {
        c.WaitFor("Hit any key to stop autoboot");
        c.Type("x");
        c.WaitFor("=> ");
        c.Type("version\n");
        c.WaitFor("U-Boot 2023.01");
        c.WaitFor("GNU ld");
        c.WaitFor("=> ");
        c.Type("poweroff\n");
        c.WaitFor("poweroff ...");
    }

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    public void UBoot_reaches_its_prompt_runs_version_and_powers_off(string gic)
    {
        if (!Have(UBoot))
            return;
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        using var c = SerialConversation.StartEmulator("run", "-bios", UBoot, "--gic", gic, "--display", "headless", "--max-seconds", "300", "--report", report);
        c.WaitFor("DRAM:  128 MiB");
        c.WaitFor("Flash: 64 MiB");                  // the CFI probe of the flash found QEMU's geometry
        VersionAndPoweroff(c);
        Assert.True(c.WaitForExit() == 0, $"{c.Stderr}\n{c.Tail()}");
        Assert.Equal("system-off", EmulatorProcess.ReadReport(report).GetProperty("exit").GetProperty("reason").GetString());
        Assert.DoesNotContain("Synchronous Abort", c.Output);
    }

    [Fact]
    public void UBoot_on_qemu_prints_the_same()
    {
        if (!Have(UBoot) || Qemu() is not { } qemu)
            return;
        using var c = SerialConversation.StartProgram(qemu, "-M", "virt", "-cpu", "cortex-a57", "-nographic", "-nic", "none", "-bios", UBoot);
        c.WaitFor("DRAM:  128 MiB");
        c.WaitFor("Flash: 64 MiB");
        VersionAndPoweroff(c);
        Assert.Equal(0, c.WaitForExit());
    }

    /// <summary>
    /// saveenv erases and programs flash bank 1 (U-Boot's environment at 0x4000000, two 256 KiB
    /// sectors); `reset` is PSCI SYSTEM_RESET, which with firmware restarts the machine within the
    /// run; the environment is read back from flash. The bank is a -drive file, so the change also
    /// reaches the file and a second run finds it. QEMU 7.2 cannot do this one: its pflash_cfi01
    /// of that version answers U-Boot's buffered program with a timeout ("Flash buffer write
    /// timeout", saveenv fails); the emulator follows the current pflash_cfi01 and the Intel
    /// command set, where the buffered program completes.
    /// </summary>
    [Fact]
    public void UBoot_environment_saved_with_saveenv_survives_a_reset_and_reaches_the_drive_file()
    {
        if (!Have(UBoot))
            return;
        using var temp = new TempDirectory();
        string vars = temp.File("vars.img");
        using (FileStream f = File.Create(vars))
            f.SetLength(64L << 20);
        string[] args = ["run", "-bios", UBoot, "-drive", $"if=pflash,format=raw,file={vars},unit=1", "--display", "headless", "--max-seconds", "300"];
        using (var c = SerialConversation.StartEmulator(args))
        {
            c.WaitFor("Loading Environment from Flash... *** Warning - bad CRC, using default environment");
            c.WaitFor("Hit any key to stop autoboot");
            c.Type("x");
            c.WaitFor("=> ");
            c.Type("setenv marker flash-kept-42\n");
            c.WaitFor("=> ");
            c.Type("saveenv\n");
            c.WaitFor("Erased 2 sectors");
            c.WaitFor("Writing to Flash... done");
            c.WaitFor("OK");
            c.WaitFor("=> ");
            c.Type("reset\n");
            c.WaitFor("resetting ...");
            c.WaitFor("U-Boot 2023.01");                // the firmware started again, in the same run
            c.WaitFor("Loading Environment from Flash... OK");
            c.WaitFor("Hit any key to stop autoboot");
            c.Type("x");
            c.WaitFor("=> ");
            c.Type("printenv marker\n");
            c.WaitFor("marker=flash-kept-42");
            c.WaitFor("=> ");
            c.Type("poweroff\n");
            Assert.True(c.WaitForExit() == 0, c.Tail());
        }
        Assert.Contains("marker=flash-kept-42", Encoding.Latin1.GetString(File.ReadAllBytes(vars)));
        Assert.Equal(64L << 20, new FileInfo(vars).Length);

        using (var c = SerialConversation.StartEmulator(args))
        {
            c.WaitFor("Loading Environment from Flash... OK"); // a new run reads it from the file
            c.WaitFor("Hit any key to stop autoboot");
            c.Type("x");
            c.WaitFor("=> ");
            c.Type("printenv marker\n");
            c.WaitFor("marker=flash-kept-42");
            c.WaitFor("=> ");
            c.Type("poweroff\n");
            Assert.Equal(0, c.WaitForExit());
        }
    }

    /// <summary>
    /// Typed from a file (input delivered as the UART's FIFO has room), a firmware run is
    /// deterministic: the same instructions and cycles twice, and the interpreter agrees with the
    /// block translator.
    /// </summary>
    [Fact]
    public void UBoot_runs_are_deterministic_and_the_interpreter_agrees()
    {
        if (!Have(UBoot))
            return;
        using var temp = new TempDirectory();
        string input = temp.Write("typed.txt", Encoding.ASCII.GetBytes("xversion\npoweroff\n"));
        (ulong, ulong) Run(string name, params string[] extra)
        {
            string report = temp.File(name);
            ProcessResult r = EmulatorProcess.RunWithInputFile(input, ["run", "-bios", UBoot, "--display", "headless", "--cache", "off", "--report", report, .. extra]);
            Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Stderr}\n{r.Stdout}");
            Assert.Contains("GNU ld", r.Stdout);
            System.Text.Json.JsonElement json = EmulatorProcess.ReadReport(report);
            return (json.GetProperty("instructions").GetUInt64(), json.GetProperty("cycles").GetUInt64());
        }
        (ulong, ulong) first = Run("a.json"), second = Run("b.json"), interpreted = Run("c.json", "--interpret");
        Assert.Equal(first, second);
        Assert.Equal(first, interpreted);
    }

    /// <summary>
    /// EDK2 (ArmVirtQemu) runs from flash to the UEFI shell and prints, up to the shell's prompt,
    /// exactly what it prints on QEMU; `reset -s` is ResetSystem(shutdown): PSCI SYSTEM_OFF.
    /// </summary>
    [Fact]
    public void Edk2_reaches_the_uefi_shell_as_on_qemu_and_shuts_down()
    {
        if (!Have(Edk2))
            return;
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        string ours;
        using (var c = SerialConversation.StartEmulator("run", "-bios", Edk2, "--display", "headless", "--max-seconds", "600", "--report", report))
        {
            c.WaitFor("UEFI firmware");
            c.WaitFor("UEFI Interactive Shell v2.2", 600);
            c.WaitFor("Shell> ", 600);
            ours = c.Output;
            c.Type("reset -s\r");
            Assert.True(c.WaitForExit(120) == 0, c.Tail());
        }
        Assert.Equal("system-off", EmulatorProcess.ReadReport(report).GetProperty("exit").GetProperty("reason").GetString());
        if (Qemu() is not { } qemu)
            return;
        using (var c = SerialConversation.StartProgram(qemu, "-M", "virt", "-cpu", "cortex-a57", "-nographic", "-nic", "none", "-bios", Edk2))
        {
            c.WaitFor("Shell> ", 300);
            string theirs = c.Output;
            c.Type("reset -s\r");
            Assert.Equal(0, c.WaitForExit(120));
            Assert.Equal(UpToPrompt(theirs), UpToPrompt(ours));
        }
    }

    /// <summary>
    /// EDK2 as distributions run it: code and variable store as two pflash drives (Debian's
    /// AAVMF_CODE.fd read-only, a copy of AAVMF_VARS.fd writable). Both machines boot to the shell
    /// and write their variables back to the file; the two files end up the same except inside
    /// the MemoryTypeInformation variable, EDK2's record of how many pages of each memory type it
    /// used, which differs by QEMU's ACPI tables (ACPI reclaim and NVS pages) that this board does
    /// not build.
    /// </summary>
    [Fact]
    public void Edk2_from_two_pflash_drives_writes_its_variable_store_as_on_qemu()
    {
        const string code = "/usr/share/AAVMF/AAVMF_CODE.fd", varsTemplate = "/usr/share/AAVMF/AAVMF_VARS.fd";
        if (!Have(code) || !Have(varsTemplate))
            return;
        using var temp = new TempDirectory();
        string ours = temp.File("ours.fd"), theirs = temp.File("theirs.fd");
        File.Copy(varsTemplate, ours);
        File.Copy(varsTemplate, theirs);
        string[] drives = ["-drive", $"if=pflash,format=raw,file={code},readonly=on", "-drive", "if=pflash,format=raw,file="];
        using (var c = SerialConversation.StartEmulator(["run", .. drives[..3], drives[3] + ours, "--display", "headless", "--cache", "off", "--max-seconds", "600"]))
        {
            c.WaitFor("Shell> ", 600);
            c.Type("reset -s\r");
            Assert.True(c.WaitForExit(120) == 0, c.Tail());
        }
        Assert.False(File.ReadAllBytes(ours).AsSpan().SequenceEqual(File.ReadAllBytes(varsTemplate)), "EDK2 wrote no variable");
        if (Qemu() is not { } qemu)
            return;
        using (var c = SerialConversation.StartProgram(qemu, ["-M", "virt", "-cpu", "cortex-a57", "-nographic", "-nic", "none", .. drives[..3], drives[3] + theirs]))
        {
            c.WaitFor("Shell> ", 300);
            c.Type("reset -s\r");
            Assert.Equal(0, c.WaitForExit(120));
        }
        byte[] a = File.ReadAllBytes(ours), b = File.ReadAllBytes(theirs);
        Assert.Equal(b.Length, a.Length);
        byte[] name = Encoding.Unicode.GetBytes("MemoryTypeInformation\0");
        int nameAt = b.AsSpan().IndexOf(name);
        Assert.True(nameAt > 0, "QEMU's store has no MemoryTypeInformation variable");
        int dataStart = nameAt + name.Length, dataEnd = dataStart + 16 * 8; // up to 16 (type, pages) pairs
        for (int i = 0; i < a.Length; i++)
            Assert.True(a[i] == b[i] || (i >= dataStart && i < dataEnd), $"variable stores differ at offset 0x{i:x}, outside MemoryTypeInformation (0x{dataStart:x}-0x{dataEnd:x})");
    }

    private static string UpToPrompt(string console) => console[..(console.IndexOf("Shell> ", StringComparison.Ordinal) + 7)];

    [Fact]
    public void Bad_firmware_options_are_usage_errors_naming_the_cause()
    {
        using var temp = new TempDirectory();
        string small = temp.Write("small.bin", [0x1F, 0x20, 0x03, 0xD5]);
        string big = temp.File("big.bin");
        using (FileStream f = File.Create(big))
            f.SetLength((64L << 20) + 1);
        string bank = temp.File("bank.img");
        using (FileStream f = File.Create(bank))
            f.SetLength(64L << 20);
        (string[] Args, string Message)[] cases =
        [
            (["run", "-bios", temp.File("none.bin")], "none.bin: no such file"),
            (["run", "-bios", big], "larger than the 64 MiB flash bank"),
            (["run", "-drive", $"if=pflash,format=raw,file={small}"], "needs a file of exactly 67108864 bytes"),
            (["run", "-drive", $"if=ide,file={small}"], "only if=pflash drives"),
            (["run", "-drive", $"if=pflash,format=qcow2,file={small}"], "only raw flash images"),
            (["run", "-drive", $"if=pflash,file={small},unit=2"], "flash units 0 to 1"),
            (["run", "-drive", $"if=pflash,file={small},cache=none"], "option 'cache' is not supported"),
            (["run", "-bios", small, "-drive", $"if=pflash,file={bank},unit=0"], "-bios or with -drive if=pflash,unit=0, not both"),
            (["run", EmulatorProcess.Sample("hello.elf"), "-bios", small], "cannot be combined with -bios"),
            (["run"], "IMAGE: missing"),
        ];
        foreach ((string[] args, string message) in cases)
        {
            ProcessResult r = EmulatorProcess.Run([.. args, "--display", "headless"]);
            Assert.True(r.ExitCode == 2, $"{string.Join(' ', args)}: exit {r.ExitCode}\n{r.Stderr}");
            Assert.Contains(message, r.Stderr);
        }
    }

    /// <summary>
    /// Bare metal from -bios: a program at 0x0 runs from flash (fetched in place), finds the DTB at
    /// RAM base and X0 = 0 (as QEMU starts firmware); a store to flash bank 1 is a command (a CFI
    /// query, answered 'Q'; an unknown one, after which the array still reads as it was), not a
    /// store; and a branch into bank 1 while it is in query mode (no longer mapped as memory)
    /// takes a synchronous external abort on the fetch, as from any MMIO address under KVM. The
    /// semihosting exit code carries the five checks.
    /// </summary>
    [Fact]
    public void A_raw_program_in_flash_runs_in_place_and_finds_the_dtb_at_ram_base()
    {
        if (EmulatorProcess.FindTool("aarch64-linux-gnu-as") is null)
        {
            Assert.False(EmulatorProcess.ToolsRequired, "aarch64-linux-gnu-as is missing");
            return;
        }
        using var temp = new TempDirectory();
        // x19 = *(u32*)0x40000000 (the FDT magic, big-endian d00dfeed); CFI query on bank 1; x20 = 'Q';
        // back to read array;
        // then semihosting SYS_EXIT_EXTENDED (block in RAM) with code = (x19 == 0xedfe0dd0) + 2 * (x20 == 'Q') + 4 * (x0 == 0 at entry).
        string source = """
            .text
            .globl _start
            _start:
                cmp x0, #0
                cset x23, eq
                adr x6, vectors
                msr vbar_el1, x6
                isb
                mov x1, #0x40000000
                ldr w19, [x1]
                mov x2, #0x04000000
                mov w3, #0x98
                movk w3, #0x98, lsl #16
                str w3, [x2, #0x154]
                ldr w20, [x2, #0x40]
                mov w3, #0xff
                str w3, [x2]
                mov x4, #0x0dd0
                movk x4, #0xedfe, lsl #16
                cmp w19, w4
                cset x21, eq
                and w20, w20, #0xff
                cmp w20, #0x51
                cset x22, eq
                add x21, x21, x22, lsl #1
                add x21, x21, x23, lsl #2
                mov w3, #0x5678
                movk w3, #0x1234, lsl #16
                str w3, [x2, #0x100]
                ldr w7, [x2, #0x100]
                cmp w7, #0
                cset x24, eq
                add x21, x21, x24, lsl #3
                mov w3, #0x98
                str w3, [x2]
                mov x25, #0
                adr x30, after
                br x2
            after:
                mov w3, #0xff
                str w3, [x2]
                add x21, x21, x25, lsl #4
                mov x1, #0x40200000
                mov x5, #0x0026
                movk x5, #0x2, lsl #16
                stp x5, x21, [x1]
                mov x0, #0x20
                hlt #0xf000
            .balign 2048
            vectors:
                .skip 0x200
                mrs x8, esr_el1
                mrs x11, far_el1
                lsr x9, x8, #26
                and x10, x8, #0x3f
                cmp x9, #0x21
                ccmp x10, #0x10, #0, eq
                ccmp x11, x2, #0, eq
                cset x25, eq
                msr elr_el1, x30
                eret
            """;
        string asm = temp.Write("p.s", Encoding.ASCII.GetBytes(source));
        string obj = temp.File("p.o"), elf = temp.File("p.elf"), bin = temp.File("p.bin");
        Assert.Equal(0, EmulatorProcess.Execute(Tool("aarch64-linux-gnu-as", asm, "-o", obj), null, TimeSpan.FromSeconds(30)).ExitCode);
        Assert.Equal(0, EmulatorProcess.Execute(Tool("aarch64-linux-gnu-ld", "-Ttext=0", "-o", elf, obj), null, TimeSpan.FromSeconds(30)).ExitCode);
        Assert.Equal(0, EmulatorProcess.Execute(Tool("aarch64-linux-gnu-objcopy", "-O", "binary", elf, bin), null, TimeSpan.FromSeconds(30)).ExitCode);
        ProcessResult r = EmulatorProcess.Run("run", "-bios", bin, "--display", "headless", "--max-instructions", "100000");
        Assert.True(r.ExitCode == 31, $"exit {r.ExitCode} (bits: 1 DTB at RAM base, 2 CFI 'Q', 4 x0 = 0, 8 a store in ROM mode is a command, 16 a fetch in I/O mode is an external abort)\n{r.Stderr}");
        if (Qemu() is not { } qemu)
            return;
        var start = Tool(qemu, "-M", "virt", "-cpu", "cortex-a57", "-nographic", "-nic", "none", "-semihosting-config", "enable=on,target=native", "-bios", bin);
        ProcessResult q = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(30));
        // QEMU's TCG agrees on the first four; it differs on the fifth, where this board follows
        // KVM: TCG executes from the flash device in I/O mode (it fetches the query answer 0x00000000,
        // an UDF, and takes an Undefined Instruction), while KVM, with no memory slot there, gives the
        // fetch a synchronous external abort (kvm_handle_guest_abort injects a prefetch abort).
        Assert.True(q.ExitCode == 15, $"QEMU: exit {q.ExitCode}\n{q.Stderr}");
    }

    private static System.Diagnostics.ProcessStartInfo Tool(string name, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(name)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        return start;
    }
}
