using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Documents made for the preview tests (issue 25), once per run: Word, Excel, PowerPoint and OpenDocument files by the real
/// LibreOffice from plain text, and a PDF of known pages written by hand. Each carries words the tests read back by OCR.
/// </summary>
public sealed class Documents : IDisposable
{
    public const string Words = "Quarterly budget forecast";
    private readonly string _directory = Directory.CreateTempSubdirectory("teamshare-docs").FullName;

    public Documents()
    {
        File.WriteAllText(Path.Combine(_directory, "plan.txt"), $"{Words}\nRevenue grows in the north.\n");
        File.WriteAllText(Path.Combine(_directory, "sheet.csv"), "Quarterly,budget,forecast\nNorth,1200,3400\n");
        File.WriteAllBytes(Path.Combine(_directory, "deck-source.pdf"), Pdf([Words]));
        Soffice("docx", "plan.txt");
        Soffice("odt", "plan.txt");
        Soffice("xlsx", "sheet.csv");
        Soffice("pptx", "deck-source.pdf", "--infilter=impress_pdf_import");
    }

    public byte[] Docx => File.ReadAllBytes(Path.Combine(_directory, "plan.docx"));
    public byte[] Odt => File.ReadAllBytes(Path.Combine(_directory, "plan.odt"));
    public byte[] Xlsx => File.ReadAllBytes(Path.Combine(_directory, "sheet.xlsx"));
    public byte[] Pptx => File.ReadAllBytes(Path.Combine(_directory, "deck-source.pptx"));

    /// <summary>A PDF with one page per text, in Helvetica at a size OCR reads easily.</summary>
    public static byte[] Pdf(IReadOnlyList<string> pages)
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(" ", pages.Select((_, i) => $"{4 + 2 * i} 0 R"))}] /Count {pages.Count} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        foreach (var text in pages)
        {
            var stream = $"BT /F1 28 Tf 60 700 Td ({text}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {objects.Count + 2} 0 R >>");
            objects.Add($"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream");
        }
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A .docx-named ZIP a few hundred kilobytes long whose one entry unpacks to 600 MB of zeros.</summary>
    public static byte[] ZipBomb()
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 600; i++) entry.Write(zeros);
        }
        return buffer.ToArray();
    }

    /// <summary>What an encrypted Office document is on disk: an OLE2 compound file, whatever its name says.</summary>
    public static byte[] EncryptedDocx()
    {
        var bytes = new byte[8192];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        Encoding.ASCII.GetBytes("EncryptedPackage").CopyTo(bytes, 1024);
        return bytes;
    }

    /// <summary>The words Tesseract reads on an image.</summary>
    public static string Ocr(byte[] png)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ocr-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(file, png);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("tesseract", [file, "-", "--psm", "3"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally { File.Delete(file); }
    }

    private void Soffice(string format, string source, params string[] extra)
    {
        var profile = new Uri(Path.Combine(_directory, "profile")).AbsoluteUri;
        var start = new ProcessStartInfo("soffice") { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--norestore", $"-env:UserInstallation={profile}" }.Concat(extra)
                     .Concat(["--convert-to", format, "--outdir", _directory, Path.Combine(_directory, source)]))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"soffice could not make a {format} of {source}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
