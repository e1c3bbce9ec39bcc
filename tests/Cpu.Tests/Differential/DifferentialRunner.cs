using System.Diagnostics;
using System.Text;
using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Physical;

namespace Emulator.Cpu.Tests.Differential;

/// <summary>Runs a harness image on this emulator (in process) and on qemu-system-aarch64, returning the UART text.</summary>
public static class DifferentialRunner
{
    /// <summary>The PL011's data register is the only one the harness touches: bytes written to it are collected.</summary>
    private sealed class UartSink : IMmioDevice
    {
        public StringBuilder Text { get; } = new();

        public string Name => "uart-sink";

        public bool Read(ulong offset, int size, out ulong value)
        {
            value = 0;
            return true;
        }

        public bool Write(ulong offset, int size, ulong value)
        {
            if (offset == 0)
                Text.Append((char)(byte)value);
            return true;
        }
    }

    public static string RunOnEmulator(byte[] image)
    {
        var machine = new GuestMachine();
        var uart = new UartSink();
        machine.Bus.AddMmio(HarnessImage.UartAddress, 0x1000, uart);
        machine.WriteBytes(HarnessImage.LoadAddress, image);
        machine.Core.Reset(HarnessImage.LoadAddress);
        CpuExit exit = machine.Run(2_000_000_000);
        if (exit != CpuExit.HypervisorCall || machine.Core.X[0] != 0x8400_0008)
            uart.Text.Append($"\n[emulator stopped: {exit} at PC 0x{machine.Core.Pc:x}, ESR 0x{machine.Core.Sys.ESR_EL1:x}]\n");
        return uart.Text.ToString();
    }

    public static string RunOnQemu(string qemu, string cpu, byte[] image, string directory, string name)
    {
        string path = Path.Combine(directory, name + ".elf");
        File.WriteAllBytes(path, HarnessImage.ToElf(image));
        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-M", "virt", "-cpu", cpu, "-m", "128M", "-nographic", "-nic", "none", "-monitor", "none", "-kernel", path })
            start.ArgumentList.Add(a);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + qemu);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(true);
            throw new TimeoutException($"QEMU did not finish {path}");
        }
        string output = stdout.Result.Replace("\r\n", "\n");
        if (process.ExitCode != 0)
            output += $"\n[qemu exit {process.ExitCode}: {stderr.Result}]\n";
        return output;
    }

    /// <summary>qemu-system-aarch64 on PATH; null (or a failed assertion with EMULATOR_REQUIRE_TOOLS=1) when missing.</summary>
    public static string? FindQemu()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            string candidate = Path.Combine(dir, "qemu-system-aarch64");
            if (dir.Length > 0 && File.Exists(candidate))
                return candidate;
        }
        Assert.False(Environment.GetEnvironmentVariable("EMULATOR_REQUIRE_TOOLS") == "1",
            "qemu-system-aarch64 is not installed, and EMULATOR_REQUIRE_TOOLS=1 says it must be (run scripts/install-deps.sh)");
        return null;
    }
}
