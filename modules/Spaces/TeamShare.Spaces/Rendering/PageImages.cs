using SkiaSharp;

namespace TeamShare.Spaces.Rendering;

/// <summary>Scaling and marking page images with Skia (in process: decoding is bounded by the size checked first).</summary>
internal static class PageImages
{
    public const int ThumbnailLongSide = 256;
    /// <summary>Larger images are not decoded at all: 50 megapixels is a 200 MB bitmap, and more is a decompression bomb.</summary>
    private const long MaxSourcePixels = 50_000_000;

    /// <summary>Writes <paramref name="source"/> as a PNG no longer than <paramref name="longSide"/> on its long side.</summary>
    public static bool Scale(string source, string target, int longSide)
    {
        using var codec = SKCodec.Create(source);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height is <= 0 or > MaxSourcePixels) return false;
        var factor = Math.Min(1f, longSide / (float)Math.Max(codec.Info.Width, codec.Info.Height));
        // JPEG and WebP decode straight to a smaller size; the rest decode whole and are resized.
        var decoded = codec.GetScaledDimensions(factor);
        using var bitmap = SKBitmap.Decode(codec, codec.Info.WithSize(decoded.Width, decoded.Height).WithColorType(SKColorType.Rgba8888));
        if (bitmap is null) return false;
        var width = Math.Max(1, (int)Math.Round(codec.Info.Width * factor));
        var height = Math.Max(1, (int)Math.Round(codec.Info.Height * factor));
        using var sized = bitmap.Width == width && bitmap.Height == height
            ? bitmap.Copy() : bitmap.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (sized is null) return false;
        Save(sized, target);
        return true;
    }

    /// <summary>The page with <paramref name="text"/> drawn across it, repeated, in grey: readable, and on every part of the page.</summary>
    public static byte[] Watermark(string page, string text)
    {
        using var bitmap = SKBitmap.Decode(page);
        using var canvas = new SKCanvas(bitmap);
        using var font = new SKFont(Typeface, Math.Max(18, bitmap.Width / 28f));
        // Faint across the page, so the page stays readable under it.
        using var paint = new SKPaint { Color = new SKColor(120, 120, 120, 40), IsAntialias = true };
        var step = font.Size * 6;
        canvas.Save();
        canvas.RotateDegrees(-30, bitmap.Width / 2f, bitmap.Height / 2f);
        for (var y = -bitmap.Height; y < bitmap.Height * 2; y += (int)step)
            canvas.DrawText(text, bitmap.Width / 2f, y, SKTextAlign.Center, font, paint);
        canvas.Restore();
        // Straight along the foot of the page too, where a reader (or OCR) takes it in at a glance.
        canvas.DrawText(text, bitmap.Width / 2f, bitmap.Height - font.Size, SKTextAlign.Center, font,
            new SKPaint { Color = new SKColor(40, 40, 40, 220), IsAntialias = true });
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    private static void Save(SKBitmap bitmap, string target)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        using var file = File.Create(target);
        data.SaveTo(file);
    }

    /// <summary>A font from the machine (LibreOffice brings DejaVu), else Skia's own default.</summary>
    private static readonly SKTypeface Typeface =
        new[] { "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf" }
            .Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null) ?? SKTypeface.Default;
}
