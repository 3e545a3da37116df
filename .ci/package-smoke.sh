#!/usr/bin/env bash
# Pack smoke test: pack src/StaticNets into a folder feed, check the package's layout, then restore, build and run
# tests/PackageSmoke, a consumer that references only that package. Fails on any failure.
#
# The package gets a unique prerelease version and the consumer restores into a private NUGET_PACKAGES folder, so
# neither the global packages cache nor an earlier run can serve a stale copy, and the cache does not fill up with
# CI versions. Other packages (System.Numerics.Tensors) come from the sources in the user's NuGet configuration: the
# feed is added to them, not substituted for them.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$"
feed="$work/feed"

echo "== pack StaticNets $version"
dotnet pack src/StaticNets -c Release -o "$feed" -p:PackageVersion="$version" -nologo
package="$feed/StaticNets.$version.nupkg"
test -f "$package" || { echo "FAILED: $package was not created"; exit 1; }

echo "== package layout"
contents="$(unzip -Z1 "$package")"
echo "$contents"
for expected in lib/net8.0/StaticNets.dll lib/net8.0/StaticNets.xml analyzers/dotnet/cs/StaticNets.Generator.dll README.md; do
    grep -qx "$expected" <<<"$contents" || { echo "FAILED: the package lacks $expected"; exit 1; }
done
if grep -q '^lib/.*Generator' <<<"$contents"; then echo "FAILED: the generator is under lib/"; exit 1; fi
unexpected="$(grep -v -x -e '_rels/.rels' -e 'StaticNets.nuspec' -e '\[Content_Types\].xml' -e 'package/services/metadata/core-properties/.*\.psmdcp' \
    -e 'lib/net8.0/StaticNets.dll' -e 'lib/net8.0/StaticNets.xml' -e 'analyzers/dotnet/cs/StaticNets.Generator.dll' -e 'README.md' <<<"$contents" || true)"
if [ -n "$unexpected" ]; then echo "FAILED: unexpected files in the package:"; echo "$unexpected"; exit 1; fi

nuspec="$(unzip -p "$package" StaticNets.nuspec)"
dependencies="$(grep -o '<dependency id="[^"]*"' <<<"$nuspec" | sed 's/<dependency id="//; s/"$//')"
echo "dependencies: ${dependencies//$'\n'/, }"
if [ "$dependencies" != "System.Numerics.Tensors" ]; then echo "FAILED: the package should depend on System.Numerics.Tensors only"; exit 1; fi
for field in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<authors>StaticNets contributors</authors>' \
    '<projectUrl>https://github.com/staticnets/staticnets</projectUrl>' '<repository type="git" url="https://github.com/staticnets/staticnets"'; do
    grep -qF "$field" <<<"$nuspec" || { echo "FAILED: the nuspec lacks $field"; exit 1; }
done

echo "== restore, build and run tests/PackageSmoke against the package"
# A private packages folder for the consumer only (the pack above used the normal one, so the repo's own obj/
# folders keep pointing at packages that still exist).
export NUGET_PACKAGES="$work/packages"
dotnet restore tests/PackageSmoke -p:StaticNetsVersion="$version" -p:RestoreAdditionalProjectSources="$feed" -nologo
restored="$NUGET_PACKAGES/staticnets/$version/analyzers/dotnet/cs/StaticNets.Generator.dll"
test -f "$restored" || { echo "FAILED: the restore did not take StaticNets $version from the feed"; exit 1; }
dotnet build tests/PackageSmoke -c Release --no-restore -p:StaticNetsVersion="$version" -nologo
dotnet run --project tests/PackageSmoke -c Release --no-build -p:StaticNetsVersion="$version"
echo "== package smoke test passed"
