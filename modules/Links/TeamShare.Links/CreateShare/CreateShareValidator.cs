namespace TeamShare.Links.CreateShare;

/// <summary>Field-level checks of a new share (LK-2); every failure names its field.</summary>
internal static class CreateShareValidator
{
    public const int MaxItems = 100;

    public static Dictionary<string, string[]> Validate(CreateShareRequest r, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (r.ItemIds is null || r.ItemIds.Count == 0) Add("itemIds", "Choose at least one item to share.");
        else if (r.ItemIds.Count > MaxItems) Add("itemIds", $"A share can hold at most {MaxItems} items.");
        else if (r.ItemIds.Distinct().Count() != r.ItemIds.Count) Add("itemIds", "An item is listed twice.");
        if (r.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 255)) Add("name", "Use 1 to 255 characters.");
        if (r.PreviewLimit is < 1 or > 9999) Add("previewLimit", "Enter a whole number from 1 to 9999.");
        if (r.ExpiresAt is { } expires && expires.ToUniversalTime() <= now) Add("expiresAt", "Choose a time in the future, or leave it empty for a permanent link.");
        if (r.Remarks is { Length: > 2000 }) Add("remarks", "Use at most 2000 characters.");
        if (r.AllowPreview == false && r.AllowDownload == false) Add("allowPreview", "Allow preview, download or both; otherwise the link shows nothing.");
        // These options arrive with the full link options (issue "Share links"); refusing them is safer than ignoring them.
        if (r.AllowEdit == true) Add("allowEdit", "Editing through a link is not available yet.");
        if (r.AllowUpload == true) Add("allowUpload", "Uploading through a link is not available yet.");
        if (r.Password is not null) Add("password", "Password-protected links are not available yet.");
        return errors;
    }
}
