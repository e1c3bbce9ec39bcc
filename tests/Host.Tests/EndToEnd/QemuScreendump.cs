using System.Diagnostics;
using System.Text;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Runs a guest on qemu-system-aarch64 with the UART in a file and the monitor on stdin, waits
/// until the UART shows a marker (the guest has drawn and holds the picture), takes the monitor's
/// <c>screendump</c> and quits: the picture as 0x00BBGGRR pixels.
/// </summary>
internal static class QemuScreendump
{
    /// <summary>
    /// Runs <paramref name="sample"/> on <c>qemu-system-aarch64 -M virt -device <paramref name="device"/>,romfile=</c>
    /// until its UART output contains <paramref name="done"/>, then takes the picture; null when QEMU is not installed.
    /// </summary>
    public static uint[]? Take(TempDirectory dir, string sample, string device, string append, string done, int width, int height) =>
        Take(dir,
            ["-M", "virt", "-cpu", "cortex-a57", "-m", "128M", "-nic", "none", "-device", device + ",romfile=",
             "-kernel", EmulatorProcess.Sample(sample), "-append", append],
            done, width, height)?.Pixels;

    /// <summary>The screen once <paramref name="marker"/> is on the UART; null when QEMU is not installed.</summary>
    public static (uint[] Pixels, string Uart)? Take(TempDirectory dir, string[] qemuArgs, string marker, int width, int height)
    {
        string? qemu = EmulatorProcess.FindTool("qemu-system-aarch64");
        if (qemu is null)
            return null;
        string uart = dir.File("qemu-uart.txt"), ppm = dir.File("qemu-screen.ppm");
        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in qemuArgs)
            start.ArgumentList.Add(a);
        foreach (string a in new[] { "-display", "none", "-serial", "file:" + uart, "-monitor", "stdio" })
            start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(uart) && File.ReadAllText(uart).Contains(marker, StringComparison.Ordinal)))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"QEMU: the guest did not print \"{marker}\"");
                Assert.False(process.HasExited, "QEMU exited early");
                Thread.Sleep(50);
            }
            process.StandardInput.WriteLine($"screendump {ppm}");
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Flush();
            Assert.True(process.WaitForExit(30_000), "QEMU did not quit");
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
        return (ReadPpm(File.ReadAllBytes(ppm), width, height), File.ReadAllText(uart));
    }

    /// <summary>A binary PPM (P6, maxval 255) of width x height.</summary>
    private static uint[] ReadPpm(byte[] file, int width, int height)
    {
        int pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)file[pos]))
                pos++;
            int s = pos;
            while (!char.IsWhiteSpace((char)file[pos]))
                pos++;
            return Encoding.ASCII.GetString(file, s, pos - s);
        }
        Assert.Equal("P6", Token());
        Assert.Equal(width, int.Parse(Token()));
        Assert.Equal(height, int.Parse(Token()));
        Assert.Equal(255, int.Parse(Token()));
        pos++; // the single whitespace before the raster
        var pixels = new uint[width * height];
        for (int i = 0; i < pixels.Length; i++, pos += 3)
            pixels[i] = file[pos] | (uint)file[pos + 1] << 8 | (uint)file[pos + 2] << 16;
        return pixels;
    }
}
