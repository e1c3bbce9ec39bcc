using System.Text;
using System.Text.RegularExpressions;
using Emulator.Host.Tests.EndToEnd;
using Xunit;

namespace Emulator.Host.Tests.Docs;

/// <summary>
/// The documentation stays inside the repository: every relative Markdown link (and its #anchor)
/// resolves to a file of the clone, every docs/*.md a source comment names exists, and nothing
/// points at the machine the project was developed on.
/// </summary>
public sealed partial class LinkTests
{
    private static readonly string Root = EmulatorProcess.RepositoryRoot;

    /// <summary>Folders never searched: build output, test results and version control.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts", "build",
    };

    /// <summary>The folders whose files must not point outside the repository (besides the top-level *.md).</summary>
    private static readonly string[] ContainedFolders = ["src", "tests", "samples", "scripts", "bench", "docs", "scenarios"];

    // Built from pieces so that this file does not match its own search.
    private static readonly string[] OutsidePointers = [".." + "/shared", "/" + "work/"];

    [Fact]
    public void Every_relative_link_in_the_markdown_files_resolves_inside_the_repository()
    {
        var broken = new List<string>();
        int links = 0;
        foreach (string file in Files(Root).Where(f => f.EndsWith(".md", StringComparison.Ordinal)))
        {
            foreach ((int line, string target) in Links(File.ReadAllText(file)))
            {
                if (IsExternal(target))
                    continue;
                links++;
                string? problem = Check(file, target);
                if (problem is not null)
                    broken.Add($"{Relative(file)}:{line}: ({target}) {problem}");
            }
        }
        Assert.True(links > 20, $"only {links} relative links found: is the link pattern right?");
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void No_file_points_outside_the_repository()
    {
        var offenders = new List<string>();
        IEnumerable<string> files = Directory.EnumerateFiles(Root, "*.md")
            .Concat(ContainedFolders.Where(f => Directory.Exists(Path.Combine(Root, f)))
                .SelectMany(f => Files(Path.Combine(Root, f))));
        int searched = 0;
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            searched++;
            string text = Encoding.UTF8.GetString(bytes);
            foreach (string pointer in OutsidePointers)
            {
                int at = IndexOfAbsolute(text, pointer);
                if (at >= 0)
                    offenders.Add($"{Relative(file)}:{LineOf(text, at)}: mentions {pointer}");
            }
        }
        Assert.True(searched > 100, $"only {searched} files searched");
        Assert.True(offenders.Count == 0, "files pointing outside the repository:\n" + string.Join('\n', offenders));
    }

    /// <summary>
    /// Where <paramref name="pointer"/> starts a path of its own (not inside a longer one such as
    /// <c>$base/work/linux</c>, a folder of the project's cache), or -1.
    /// </summary>
    private static int IndexOfAbsolute(string text, string pointer)
    {
        for (int at = text.IndexOf(pointer, StringComparison.Ordinal); at >= 0; at = text.IndexOf(pointer, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '_' or '-' or '}' or '>' or '$'))
                return at;
        }
        return -1;
    }

    [Fact]
    public void Every_docs_file_a_source_comment_names_exists()
    {
        var missing = new List<string>();
        int references = 0;
        foreach (string folder in ContainedFolders)
        {
            string path = Path.Combine(Root, folder);
            if (!Directory.Exists(path) || folder == "docs")
                continue;
            foreach (string file in Files(path))
            {
                if (file.EndsWith(".md", StringComparison.Ordinal))
                    continue;
                string text = File.ReadAllText(file);
                foreach (Match m in DocsReference().Matches(text))
                {
                    references++;
                    if (!File.Exists(Path.Combine(Root, m.Value)))
                        missing.Add($"{Relative(file)}:{LineOf(text, m.Index)}: {m.Value} does not exist");
                }
            }
        }
        Assert.True(references > 5, $"only {references} references to docs/ found");
        Assert.True(missing.Count == 0, "missing documents:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_markdown_file_named_in_a_source_comment_or_a_scenario_is_in_the_repository()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in Files(Root))
        {
            if (file.EndsWith(".md", StringComparison.Ordinal))
                names.Add(Path.GetFileName(file));
        }
        var missing = new List<string>();
        int mentions = 0;
        foreach (string folder in ContainedFolders)
        {
            string path = Path.Combine(Root, folder);
            if (!Directory.Exists(path))
                continue;
            foreach (string file in Files(path))
            {
                if (file.EndsWith(".md", StringComparison.Ordinal) || IsBinary(file))
                    continue;
                string text = File.ReadAllText(file);
                foreach (Match m in MarkdownName().Matches(text))
                {
                    mentions++;
                    string name = m.Value;
                    bool found = name.Contains('/', StringComparison.Ordinal)
                        ? File.Exists(Path.Combine(Root, name)) || File.Exists(Path.Combine(Path.GetDirectoryName(file)!, name))
                        : names.Contains(name);
                    if (!found)
                        missing.Add($"{Relative(file)}:{LineOf(text, m.Index)}: {name} is not in the repository");
                }
            }
        }
        Assert.True(mentions > 5, $"only {mentions} mentions of .md files found");
        Assert.True(missing.Count == 0, "mentions of documents the repository does not have:\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData("## 8. Observable cases", "8-observable-cases")]
    [InlineData("## `host-cmo` with speculation (scenario 4b)", "host-cmo-with-speculation-scenario-4b")]
    [InlineData("### Ending a run: PSCI and semihosting", "ending-a-run-psci-and-semihosting")]
    [InlineData("# Stage-1 + stage-2, §3", "stage-1--stage-2-3")]
    public void Anchors_are_made_as_GitHub_makes_them(string heading, string anchor) =>
        Assert.Equal(anchor, Slug(heading.TrimStart('#').Trim()));

    [Fact]
    public void The_checker_finds_a_broken_link_and_a_broken_anchor()
    {
        string readme = Path.Combine(Root, "README.md");
        Assert.NotNull(Check(readme, "docs/no-such-file" + ".md"));
        Assert.NotNull(Check(readme, "docs/machine.md#no-such-section"));
        Assert.NotNull(Check(readme, "../outside.md"));
        Assert.Null(Check(readme, "docs/machine.md#display"));
        Assert.Equal(new List<(int, string)> { (1, "a.txt"), (2, "b.png") }, Links("[x](a.txt) `[y](ignored.txt)`\n![p](b.png \"title\")\n```\n[z](c.txt)\n```\n"));
    }

    /// <summary>Why the link from <paramref name="file"/> to <paramref name="target"/> does not resolve, or null.</summary>
    private static string? Check(string file, string target)
    {
        string path = target;
        string? anchor = null;
        int hash = target.IndexOf('#');
        if (hash >= 0)
        {
            path = target[..hash];
            anchor = target[(hash + 1)..];
        }
        string resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
        string root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        if (!resolved.StartsWith(root, StringComparison.Ordinal) && resolved + Path.DirectorySeparatorChar != root)
            return "points outside the repository";
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
            return "no such file";
        if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(resolved)).Contains(anchor))
            return $"no heading with anchor #{anchor}";
        return null;
    }

    /// <summary>The anchors GitHub gives the headings of a Markdown text (duplicates numbered -1, -2, ...).</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        bool fenced = false;
        foreach (string line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                fenced = !fenced;
            if (fenced)
                continue;
            Match heading = Heading().Match(line);
            if (!heading.Success)
                continue;
            string slug = Slug(heading.Groups[1].Value.Trim());
            int seen = counts.GetValueOrDefault(slug);
            counts[slug] = seen + 1;
            anchors.Add(seen == 0 ? slug : $"{slug}-{seen}");
        }
        return anchors;
    }

    /// <summary>GitHub's heading slug: lower case, punctuation dropped (letters, digits, '-', '_' and spaces kept), spaces to '-'.</summary>
    private static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (char c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
                slug.Append(c);
            else if (c == ' ')
                slug.Append('-');
        }
        return slug.ToString();
    }

    /// <summary>The inline links and images of a Markdown text, outside code spans and fenced blocks, with their line numbers.</summary>
    private static List<(int Line, string Target)> Links(string markdown)
    {
        var links = new List<(int, string)>();
        bool fenced = false;
        string[] lines = markdown.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced || lines[i].StartsWith("    ", StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith('|'))
                continue;
            string text = CodeSpan().Replace(lines[i], string.Empty);
            foreach (Match m in Link().Matches(text))
                links.Add((i + 1, m.Groups[1].Value));
        }
        return links;
    }

    private static bool IsExternal(string target) => Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /// <summary>Every file under <paramref name="folder"/>, skipping build output and version control.</summary>
    private static IEnumerable<string> Files(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder))
            yield return file;
        foreach (string sub in Directory.EnumerateDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub)))
                continue;
            foreach (string file in Files(sub))
                yield return file;
        }
    }

    private static bool IsBinary(string file)
    {
        using FileStream stream = File.OpenRead(file);
        Span<byte> head = stackalloc byte[4096];
        int n = stream.Read(head);
        return head[..n].Contains((byte)0);
    }

    private static string Relative(string file) => Path.GetRelativePath(Root, file);

    private static int LineOf(string text, int index)
    {
        int line = 1;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
                line++;
        }
        return line;
    }

    [GeneratedRegex(@"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex Link();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?<![\w./-])(?:[\w-]+/)*[\w.-]+\.md\b")]
    private static partial Regex MarkdownName();

    [GeneratedRegex(@"(?<![\w./-])docs/[\w./-]*?\.md")]
    private static partial Regex DocsReference();
}
