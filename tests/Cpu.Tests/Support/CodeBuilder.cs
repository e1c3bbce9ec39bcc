namespace Emulator.Cpu.Tests.Support;

/// <summary>
/// Collects instruction words and resolves labels for PC-relative instructions: an instruction
/// that refers to a label is given as a function of its byte offset from itself to the label.
/// </summary>
public sealed class CodeBuilder
{
    private readonly List<uint> _words = [];
    private readonly Dictionary<string, int> _labels = [];
    private readonly List<(int Index, string Label, Func<long, uint> Encode)> _fixups = [];

    /// <summary>Number of words emitted so far.</summary>
    public int Count => _words.Count;

    /// <summary>Byte offset of the next word from the start of the code.</summary>
    public long Offset => _words.Count * 4L;

    public CodeBuilder Emit(params uint[] words)
    {
        _words.AddRange(words);
        return this;
    }

    public CodeBuilder Emit(IEnumerable<uint> words)
    {
        _words.AddRange(words);
        return this;
    }

    /// <summary>Emits an instruction whose encoding depends on the byte offset to <paramref name="label"/>.</summary>
    public CodeBuilder Emit(string label, Func<long, uint> encode)
    {
        _fixups.Add((_words.Count, label, encode));
        _words.Add(0);
        return this;
    }

    public CodeBuilder Label(string name)
    {
        _labels.Add(name, _words.Count);
        return this;
    }

    /// <summary>Pads with NOPs (or the given word) up to a byte offset from the start.</summary>
    public CodeBuilder PadTo(long byteOffset, uint filler = 0xD503201F)
    {
        if (byteOffset < Offset)
            throw new InvalidOperationException($"already past offset 0x{byteOffset:x}");
        while (Offset < byteOffset)
            _words.Add(filler);
        return this;
    }

    public long LabelOffset(string name) => _labels[name] * 4L;

    public uint[] Build()
    {
        uint[] result = [.. _words];
        foreach ((int index, string label, Func<long, uint> encode) in _fixups)
        {
            if (!_labels.TryGetValue(label, out int target))
                throw new InvalidOperationException($"undefined label '{label}'");
            result[index] = encode((target - index) * 4L);
        }
        return result;
    }
}
