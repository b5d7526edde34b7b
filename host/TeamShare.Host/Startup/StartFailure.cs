using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>A start that cannot go on ends with one line naming what to fix, and this exit code (EX_CONFIG), not a stack trace.</summary>
internal static class StartFailure
{
    public const int ExitCode = 78;

    /// <summary>Runs the database preparation; null when it worked, else the sentence for the operator.</summary>
    public static async Task<string?> ExplainAsync(Func<Task> prepare)
    {
        try
        {
            await prepare();
            return null;
        }
        catch (PostgresException e)
        {
            return $"ConnectionStrings:TeamShare: PostgreSQL refused ({e.MessageText}).";
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return $"ConnectionStrings:TeamShare: the PostgreSQL server did not answer ({e.Message}).";
        }
        catch (ContentStoreUnavailableException e)
        {
            return e.Message;
        }
        catch (SqliteException e)
        {
            return $"TeamShare:DataDirectory: the SQLite database cannot be opened ({e.Message}).";
        }
    }
}
