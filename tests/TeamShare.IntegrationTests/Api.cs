using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamShare.IntegrationTests;

/// <summary>Small helpers over the JSON API, named the way a script would use it.</summary>
public static class Api
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> PersonalSpace(this HttpClient client)
    {
        var spaces = await (await client.GetAsync("/api/spaces")).Json();
        return spaces[0];
    }

    public static async Task<HttpResponseMessage> Upload(this HttpClient client, string spaceId, string name, Stream content, string? parentId = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        var url = $"/api/spaces/{spaceId}/files" + (parentId is null ? "" : $"?parentId={parentId}");
        return await client.PostAsync(url, form);
    }

    public static async Task<JsonElement> UploadOk(this HttpClient client, string spaceId, string name, byte[] content, string? parentId = null)
    {
        var response = await client.Upload(spaceId, name, new MemoryStream(content), parentId);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Json();
    }

    public static async Task<JsonElement> ShareOk(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/shares", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Json();
    }

    public static string TokenOf(string url) => url[(url.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..];

    public static string Id(this JsonElement e) => e.GetProperty("id").GetString()!;
}
