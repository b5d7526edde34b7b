using Microsoft.Extensions.Configuration;

namespace TeamShare.SharedKernel.Modules;

/// <summary>Reading a settings section for the start-up check: a value the binder cannot convert is a problem, not a crash.</summary>
public static class Settings
{
    /// <summary>The section bound to <typeparamref name="T"/>, or null with the binder's sentence (which names the key) added.</summary>
    public static T? Bind<T>(IConfiguration configuration, string section, List<string> problems) where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }

    /// <summary>Adds "<paramref name="key"/> must be at least <paramref name="least"/>" when the value is below it.</summary>
    public static void AtLeast(List<string> problems, string key, long value, long least)
    {
        if (value < least) problems.Add($"{key} is {value}; it must be at least {least}.");
    }
}
