namespace TeamShare.SharedKernel.Text;

/// <summary>How a name that is taken becomes free, everywhere one is made (an upload, a copy, an entry of a ZIP).</summary>
public static class NumberedNames
{
    /// <summary>"report.pdf" → "report (n).pdf"; a leading dot is part of the stem (".env" → ".env (1)").</summary>
    public static string Of(string name, int n)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? $"{name} ({n})" : $"{name[..dot]} ({n}){name[dot..]}";
    }
}
