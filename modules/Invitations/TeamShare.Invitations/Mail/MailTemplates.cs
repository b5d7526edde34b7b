using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using TeamShare.SharedKernel.Localization;

namespace TeamShare.Invitations.Mail;

/// <param name="Unsubscribe">Where one click stops this kind of mail, when it has such an address (RFC 8058 headers).</param>
internal sealed record RenderedMail(string Subject, string Text, string Html, string? Unsubscribe = null);

/// <summary>
/// Scriban templates from templates/ (copied next to the module): NAME.sbn-txt, whose first line is "Subject: …", and
/// NAME.sbn-html. The model is the outbox row's string map; HTML output escapes every value.
/// </summary>
internal sealed class MailTemplates
{
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "templates");
    private readonly ConcurrentDictionary<string, Template> _parsed = new();
    // Whether a language has its own version of a template: asked for every mail, the files do not change while running.
    private readonly ConcurrentDictionary<string, bool> _translated = new();
    // Scriban's built-in functions, built once: a context made without them builds them anew, by reflection, at each render.
    private static readonly ScriptObject Builtins = TemplateContext.GetDefaultBuiltinObject();

    public RenderedMail Render(string name, IReadOnlyDictionary<string, string> model)
    {
        // The model's language (Cultures.MailKey, "pl"): templates/pl/NAME when there is one, else the English one.
        if (model.GetValueOrDefault(Cultures.MailKey) is { } culture && culture != "en" && Cultures.IsSupported(culture)
            && $"{culture}/{name}" is var translated
            && _translated.GetOrAdd(translated, key => File.Exists(Path.Combine(_folder, $"{key}.sbn-txt"))))
            name = translated;
        var text = Run($"{name}.sbn-txt", model, escapeHtml: false);
        var newline = text.IndexOf('\n');
        var subject = text[..newline].Trim();
        if (!subject.StartsWith("Subject:")) throw new InvalidOperationException($"Template {name}.sbn-txt must start with a Subject line.");
        return new RenderedMail(subject["Subject:".Length..].Trim(), text[(newline + 1)..].TrimStart(), Run($"{name}.sbn-html", model, escapeHtml: true),
            model.GetValueOrDefault(Contracts.QueueMail.UnsubscribeKey));
    }

    private string Run(string file, IReadOnlyDictionary<string, string> model, bool escapeHtml)
    {
        var template = _parsed.GetOrAdd(file, f =>
        {
            var parsed = Template.Parse(File.ReadAllText(Path.Combine(_folder, f)), f);
            if (parsed.HasErrors) throw new InvalidOperationException($"{f}: {string.Join("; ", parsed.Messages)}");
            return parsed;
        });
        // Sized for the model: growing it key by key was a twelfth of a mail's dispatch (issue 24, B8).
        var globals = new ScriptObject(model.Count);
        foreach (var (key, value) in model) globals[key] = escapeHtml ? System.Net.WebUtility.HtmlEncode(value) : value;
        var context = new TemplateContext(Builtins) { StrictVariables = false };
        context.PushGlobal(globals);
        return template.Render(context);
    }
}
