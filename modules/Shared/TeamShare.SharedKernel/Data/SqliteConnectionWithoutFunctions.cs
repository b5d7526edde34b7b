using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace TeamShare.SharedKernel.Data;

#pragma warning disable EF1001 // The one way to choose the connection EF makes is to replace its connection service.
/// <summary>
/// EF's SQLite connection without the functions EF adds to every connection it makes (<c>regexp</c>, the <c>ef_*</c> decimal
/// arithmetic and aggregates, the <c>EF_DECIMAL</c> collation). Microsoft.Data.Sqlite registers a connection's functions on
/// each open and drops them when the pooled handle goes back, and EF opens a connection for each query: a profile of a
/// link's counted preview put a sixth of the host's CPU in those registrations (issue 24, B2). No model here maps a
/// <c>decimal</c> or queries with <c>Regex</c>, the only uses EF has for them; a query that needed one would fail with
/// "no such function", in the tests, not silently.
/// </summary>
internal sealed class SqliteConnectionWithoutFunctions(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override DbConnection CreateDbConnection() => new SqliteConnection(GetValidatedConnectionString());
}
#pragma warning restore EF1001
