using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Http;

namespace TeamShare.SharedKernel.Pages;

/// <summary>
/// A console page whose forms post, do one command, and come back to the page (post/redirect/get) with one sentence:
/// what was done, or what the command's problem says.
/// </summary>
public abstract class ConsolePageModel : PageModel
{
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    protected IActionResult Done<T>(Outcome<T> outcome, string success)
    {
        if (outcome.Ok) Message = success; else Error = outcome.Message;
        return RedirectToPage();
    }
}
