#!/usr/bin/env bash
# Regenerates EF Core's compiled models of the embedded (SQLite) module contexts (docs/adr/0033). Run it after a change
# to a module's model, beside `dotnet ef migrations add`; CompiledModelTests fails until it has run.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for module in Identity Policy Spaces Links Invitations Webhooks; do
  project="modules/$module/TeamShare.$module"
  rm -rf "$project/Data/CompiledModels"
  dotnet ef dbcontext optimize -p "$project" -s "$project" --context "${module}DbContext" --configuration Release \
    -o Data/CompiledModels -n "TeamShare.$module.Data.CompiledModels" >/dev/null
  # A module's model is its own (ModuleBoundaryTests): the generator writes public classes.
  sed -i 's/^    public partial class /    internal partial class /' "$project"/Data/CompiledModels/*.cs
  echo "$module: $(ls "$project/Data/CompiledModels" | wc -l) files"
done
