using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TeamShare.SharedKernel.Data;

/// <summary>All times are stored and returned as UTC; SQLite keeps no kind, so it is restored on read.</summary>
public static class UtcDateTimes
{
    public static void UseUtcDateTimes(this ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTime>().HaveConversion<UtcConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    /// <summary>Public because the compiled models (scripts/compiled-models.sh) name it.</summary>
    public sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
