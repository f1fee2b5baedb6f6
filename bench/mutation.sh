#!/usr/bin/env bash
# Mutation testing of one module against its own tests (`make mutation`; docs/testing.md).
#   bench/mutation.sh NAME MODULE 'FUNCTION…' TEST…
# FUNCTION: the functions whose mutants run ('*' for all), as mutmut names them
# (x_passes, x__quota; a method: xǁClassǁname). mutmut copies the package into
# var/mutation/NAME/mutants and rewrites the one module there, so each module has its own scratch
# folder and setup.cfg: the working tree is never touched. One process (the machine is shared),
# SQLite.
set -euo pipefail
name=$1 module=$2 functions=$3
shift 3
root=$(pwd)
dir=var/mutation/$name
rm -rf "$dir"
mkdir -p "$dir"
for path in guongsang config tests templates static locale conftest.py manage.py pyproject.toml; do
	ln -s "$root/$path" "$dir/$path"
done
{
	echo "[mutmut]"
	echo "source_paths = guongsang"
	echo "only_mutate = $module"
	echo "also_copy ="
	for path in config templates static locale conftest.py manage.py; do echo "    $path"; done
	echo "pytest_add_cli_args_test_selection ="
	for test in "$@"; do echo "    $test"; done
	echo "pytest_add_cli_args = -p no:randomly -p no:cacheprovider --reuse-db"
	# The machine is shared: a slow test is not a mutant that loops.
	echo "timeout_constant = 300"
} >"$dir/setup.cfg"
prefix=$(echo "${module%.py}" | tr / .)
set -f  # the function patterns are not file names
globs=()
for function in $functions; do
	if [ "$function" = "*" ]; then globs+=("$prefix.*"); else globs+=("$prefix.${function}__mutmut_*"); fi
done
cd "$dir"
# SQLite, one test database in a file kept between the mutants (--reuse-db).
unset DATABASE_URL
export GS_TEST_DATABASE_NAME=$root/$dir/test.sqlite3
"$root/.venv/bin/mutmut" run --max-children 1 "${globs[@]}" >run.log 2>&1 || { tail -40 run.log; exit 1; }
# The mutants of the chosen functions only (mutmut lists every mutant of the module).
pattern=$(printf '%s\n' "${globs[@]}" | sed 's/[.]/[.]/g; s/[*]/.*/g' | paste -sd'|')
"$root/.venv/bin/mutmut" results --all true | grep -E "^ *($pattern):" >results.txt || true
killed=$(grep -c ': killed$' results.txt || true)
total=$(grep -c ': ' results.txt || true)
echo "$name ($module: $functions): $killed killed of $total"
grep -v ': killed$' results.txt || true
